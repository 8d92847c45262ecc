/**
 * Agent mode through the real server over stdio against the fake model: a multi-step run (plan →
 * search → read → edit → run the tests → fix the failure → done) with approvals answered by this
 * test client; a denied command is not run and the model is told; a deny-listed command is refused
 * even with "approve always"; malformed tool calls are repaired or reported; the MCP stdio fixture's
 * tool is listed and called; a checkpoint restore is byte-exact; file changes go through the client
 * when it applies them (and a refusal reaches the model, file untouched); a hanging command is
 * killed at its timeout; Stop ends a turn; an untrusted workspace gets no agent.
 */
import { strict as assert } from 'node:assert';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { FakeModelServer } from '../fixtures/fakeModelServer';
import type { ModelRequest, Reply } from '../fixtures/fakeModelServer/types';
import { waitUntilGone } from '../fixtures/processes';
import {
  type AgentApplyFileChangeParams,
  AgentApplyFileChangeRequest,
  type AgentApplyFileChangeResult,
  AgentApprovalRequest,
  type AgentApprovalParams,
  type AgentApprovalResult,
  AgentCancelNotification,
  AgentMcpStatusRequest,
  AgentProgressNotification,
  type AgentProgressParams,
  AgentRestoreCheckpointRequest,
  type AgentTurnParams,
  AgentTurnRequest,
  SettingsChangedNotification,
} from '@src/protocol/lsp';
import { LspSession, REPO_ROOT } from './helpers/lspSession';
import { until } from './helpers/until';

const FIXTURE = path.join(REPO_ROOT, 'test', 'fixtures', 'agent', 'repo');
const MCP_FIXTURE = path.join(REPO_ROOT, 'test', 'fixtures', 'mcp', 'wordCountServer.mjs');
const GRAMMARS = path.join(REPO_ROOT, 'dist', 'grammars');

type Msg = { role: string; content?: string | null; tool_call_id?: string };
const messagesOf = (req: ModelRequest) => (req.body['messages'] as Msg[]) ?? [];
const toolMessages = (req: ModelRequest) => messagesOf(req).filter((m) => m.role === 'tool');
const lastTool = (req: ModelRequest) => toolMessages(req).at(-1)?.content ?? '';
const tc = (name: string, args: Record<string, unknown> | string) => ({ name, arguments: args });

describe('agent mode through the language server', () => {
  const fake = new FakeModelServer({ models: ['agent-model'] });
  const tmp = mkdtempSync(path.join(tmpdir(), 'banyan-agent-it-'));
  const ws = path.join(tmp, 'ws');
  let session: LspSession;
  let turnNo = 0;
  /** What the test client answers to approval requests, and what it was asked. */
  let answer: (p: AgentApprovalParams) => AgentApprovalResult = () => ({ decision: 'approve' });
  let asked: AgentApprovalParams[] = [];
  /** What the test client (standing in for the editor) answers to file changes, and what it was sent. */
  let applyChange: (p: AgentApplyFileChangeParams) => AgentApplyFileChangeResult = () => ({ applied: false, message: 'no editor in this test' });
  let changes: AgentApplyFileChangeParams[] = [];

  const settings = (agent: Record<string, unknown> = {}) => ({
    index: { enabled: true },
    models: { agent: { provider: 'openai-compatible', baseUrl: fake.openaiBaseUrl, model: 'agent-model', maxRetries: 0 }, embeddings: { model: '' } },
    agent,
  });
  const setSettings = async (agent: Record<string, unknown>) => {
    // Applied synchronously by the server, so the next request already sees them (JSON-RPC keeps order).
    await session.notify(SettingsChangedNotification, { settings: settings(agent), editorSettings: {} });
  };
  const params = (task: string, extra: Partial<AgentTurnParams> = {}): AgentTurnParams => ({
    turnId: `a${++turnNo}`, conversationId: 'conv1', task, history: [], trusted: true, client: { terminal: false, diagnostics: false, locations: false }, ...extra,
  });
  const events = (turnId: string) => session.notifications.filter((n) => n.method === AgentProgressNotification.method && (n.params as AgentProgressParams).turnId === turnId).map((n) => (n.params as AgentProgressParams).event);
  const script = (marker: RegExp, reply: (req: ModelRequest) => Reply) => fake.addRule({ route: '/v1/chat/completions', prompt: marker, reply });

  before(async () => {
    cpSync(FIXTURE, ws, { recursive: true });
    await fake.start();
    session = new LspSession({ workspace: ws, initializationOptions: { storageDir: path.join(tmp, 'storage'), grammarsDir: GRAMMARS, settings: settings() } });
    session.onRequest(AgentApprovalRequest, (p) => {
      asked.push(p);
      return answer(p);
    });
    session.onRequest(AgentApplyFileChangeRequest, (p) => {
      changes.push(p);
      return applyChange(p);
    });
    await session.initialize();
    await session.indexIdle();
  });
  beforeEach(() => {
    fake.reset();
    asked = [];
    answer = () => ({ decision: 'approve' });
    changes = [];
    applyChange = () => ({ applied: false, message: 'no editor in this test' });
  });
  after(async () => {
    await session.close();
    await fake.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('completes a multi-step task: plan, search, read, edit, run the tests, fix the failure, done', async () => {
    const math = path.join(ws, 'src', 'math.js');
    const original = readFileSync(math);
    script(/TASK: fix add/, (req) => {
      const n = toolMessages(req).length;
      const last = lastTool(req);
      if (n === 0) return { toolCalls: [tc('update_plan', { plan: [{ step: 'Find add', status: 'in_progress' }, { step: 'Fix it', status: 'pending' }, { step: 'Run the tests', status: 'pending' }] })] };
      if (n === 1) return { toolCalls: [tc('search_code', { query: 'add' })] };
      if (n === 2) return { text: 'Found it in src/math.js.', toolCalls: [tc('read_file', { path: 'src/math.js' })] };
      // A first, wrong fix; the tests must say so.
      if (n === 3 && /1: exports\.add = \(a, b\) => a - b;/.test(last)) return { toolCalls: [tc('edit_file', { path: 'src/math.js', edits: '<<<<<<< SEARCH\nexports.add = (a, b) => a - b;\n=======\nexports.add = (a, b) => a + b + 1;\n>>>>>>> REPLACE' })] };
      if (n === 4) return { toolCalls: [tc('run_command', { command: 'node test/math.test.js' })] };
      if (/AssertionError[\s\S]*add\(2, 3\) should be 5[\s\S]*\[exit code 1\]/.test(last)) return { text: 'The test fails; fixing.', toolCalls: [tc('edit_file', { path: 'src/math.js', edits: '<<<<<<< SEARCH\nexports.add = (a, b) => a + b + 1;\n=======\nexports.add = (a, b) => a + b;\n>>>>>>> REPLACE' })] };
      if (/^Edited src\/math\.js/.test(last)) return { toolCalls: [tc('run_command', { command: 'node test/math.test.js' })] };
      if (/all tests passed[\s\S]*\[exit code 0\]/.test(last)) return { toolCalls: [tc('update_plan', { plan: [{ step: 'Find add', status: 'done' }, { step: 'Fix it', status: 'done' }, { step: 'Run the tests', status: 'done' }] })] };
      if (/^Plan updated/.test(last)) return { text: 'Fixed `add` in src/math.js; `node test/math.test.js` passes.' };
      return { text: `UNEXPECTED STATE ${n}: ${last.slice(0, 200)}` };
    });
    // The user approves edits for the session the first time, and each command once.
    answer = (p) => ({ decision: p.category === 'edit' ? 'approveSession' : 'approve' });
    const p = params('TASK: fix add so the tests pass');
    const result = await session.request(AgentTurnRequest, p);

    assert.equal(result.status, 'done', result.error ?? result.text);
    assert.match(result.text, /Fixed `add` in src\/math\.js; `node test\/math\.test\.js` passes\.$/);
    assert.equal(readFileSync(math, 'utf8'), 'exports.add = (a, b) => a + b;\nexports.mul = (a, b) => a * b;\n');
    assert.deepEqual(asked.map((a) => `${a.category}:${a.command ?? a.path}`), ['edit:src/math.js', 'command:node test/math.test.js', 'command:node test/math.test.js']);
    assert.match(asked[0]!.detail ?? '', /^-exports\.add = \(a, b\) => a - b;\n\+exports\.add = \(a, b\) => a \+ b \+ 1;$/m);
    const ev = events(p.turnId);
    const done = ev.flatMap((e) => (e.type === 'step' && e.step.status !== 'running' ? [e.step] : []));
    assert.deepEqual(done.map((s) => s.tool), ['update_plan', 'search_code', 'read_file', 'edit_file', 'run_command', 'edit_file', 'run_command', 'update_plan']);
    assert.equal(done[4]!.status, 'error');
    assert.equal(done[6]!.status, 'done');
    const plans = ev.flatMap((e) => (e.type === 'plan' ? [e.plan] : []));
    assert.deepEqual(plans.at(-1)!.map((x) => x.status), ['done', 'done', 'done']);
    assert.deepEqual(result.checkpointFiles, [math]);

    // Restore checkpoint: byte for byte.
    const restored = await session.request(AgentRestoreCheckpointRequest, { checkpointId: result.checkpointId! });
    assert.deepEqual(restored.restored, [math]);
    assert.ok(readFileSync(math).equals(original));
  });

  it('with client.fileChanges the client applies each file change (the editor\'s workspace edit); the server does not write', async () => {
    const math = path.join(ws, 'src', 'math.js');
    const original = readFileSync(math, 'utf8');
    script(/TASK: through the editor/, (req) => {
      const n = toolMessages(req).length;
      if (n === 0) return { toolCalls: [tc('edit_file', { path: 'src/math.js', edits: '<<<<<<< SEARCH\nexports.add = (a, b) => a - b;\n=======\nexports.add = (a, b) => a + b;\n>>>>>>> REPLACE' })] };
      if (n === 1) return { toolCalls: [tc('create_file', { path: 'gen/editor.txt', content: 'made\n' })] };
      return { text: lastTool(req) };
    });
    // The "editor" says it applied both; it writes only the new file, so math.js on disk shows that the server wrote nothing itself.
    applyChange = (p) => {
      if (p.path.endsWith('editor.txt')) {
        mkdirSync(path.dirname(p.path), { recursive: true });
        writeFileSync(p.path, p.text!);
      }
      return { applied: true };
    };
    const p = params('TASK: through the editor');
    const result = await session.request(AgentTurnRequest, { ...p, client: { ...p.client, fileChanges: true } });
    assert.equal(result.status, 'done', result.error ?? result.text);
    assert.deepEqual(changes.map((c) => [c.turnId, path.relative(ws, c.path), c.text]), [
      [p.turnId, path.join('src', 'math.js'), original.replace('a - b', 'a + b')],
      [p.turnId, path.join('gen', 'editor.txt'), 'made\n'],
    ]);
    assert.match(result.text, /^Created gen\/editor\.txt/);
    assert.equal(readFileSync(math, 'utf8'), original);
    assert.equal(readFileSync(path.join(ws, 'gen', 'editor.txt'), 'utf8'), 'made\n');
    assert.deepEqual(result.checkpointFiles.map((f) => path.relative(ws, f)).sort(), [path.join('gen', 'editor.txt'), path.join('src', 'math.js')]);
    // Restore still puts the bytes back (on disk; the editor reloads unchanged documents).
    await session.request(AgentRestoreCheckpointRequest, { checkpointId: result.checkpointId! });
    assert.equal(readFileSync(math, 'utf8'), original);
    assert.equal(existsSync(path.join(ws, 'gen')), false);
  });

  it('when the client does not apply a file change, the model is told and the file is untouched (no disk write behind its back)', async () => {
    const math = path.join(ws, 'src', 'math.js');
    const original = readFileSync(math);
    script(/TASK: editor says no/, (req) => (toolMessages(req).length === 0
      ? { toolCalls: [tc('edit_file', { path: 'src/math.js', edits: '<<<<<<< SEARCH\nexports.add = (a, b) => a - b;\n=======\nexports.add = (a, b) => a + b;\n>>>>>>> REPLACE' }), tc('delete_file', { path: 'src/math.js' })] }
      : { text: toolMessages(req).map((m) => m.content).join('\n') }));
    applyChange = () => ({ applied: false, message: 'the editor refused the edit' });
    const p = params('TASK: editor says no');
    const result = await session.request(AgentTurnRequest, { ...p, client: { ...p.client, fileChanges: true } });
    assert.equal(result.status, 'done', result.error ?? result.text);
    assert.equal(changes.length, 2);
    assert.equal(changes[1]!.text, null);
    assert.match(result.text, /The change to src\/math\.js was not applied: the editor refused the edit\./);
    assert.equal(result.text.match(/was not applied/g)?.length, 2);
    assert.ok(readFileSync(math).equals(original));
  });

  it('a denied command is not run, and the model gets the user\'s feedback', async () => {
    script(/TASK: deny me/, (req) => (toolMessages(req).length === 0 ? { toolCalls: [tc('run_command', { command: 'touch denied.txt' })] } : { text: `Understood: ${lastTool(req)}` }));
    answer = () => ({ decision: 'deny', feedback: 'do not create files there' });
    const result = await session.request(AgentTurnRequest, params('TASK: deny me'));
    assert.equal(result.status, 'done');
    assert.equal(existsSync(path.join(ws, 'denied.txt')), false);
    assert.equal(asked.length, 1);
    assert.match(result.text, /The user denied this, so it was not done\. Their feedback: do not create files there/);
  });

  it('refuses a deny-listed command even when commands are set to approve always, without asking', async () => {
    await setSettings({ approval: { commands: 'auto' } });
    try {
      script(/TASK: force push/, (req) => (toolMessages(req).length === 0 ? { toolCalls: [tc('run_command', { command: 'echo pushing > pushed.txt && git push --force origin main' })] } : { text: lastTool(req) }));
      script(/TASK: harmless/, (req) => (toolMessages(req).length === 0 ? { toolCalls: [tc('run_command', { command: 'echo hi > auto.txt' })] } : { text: lastTool(req) }));
      const refused = await session.request(AgentTurnRequest, params('TASK: force push'));
      assert.match(refused.text, /^Refused: Banyan never runs git push --force \(built-in deny list\)/);
      assert.equal(existsSync(path.join(ws, 'pushed.txt')), false);
      // "Approve always" is in effect: an ordinary command runs without a question.
      const ran = await session.request(AgentTurnRequest, params('TASK: harmless'));
      assert.match(ran.text, /\[exit code 0\]/);
      assert.equal(asked.length, 0);
      rmSync(path.join(ws, 'auto.txt'), { force: true });
    } finally {
      await setSettings({});
    }
  });

  it('repairs a malformed tool call where it can, and reports one it cannot', async () => {
    script(/TASK: malformed/, (req) => {
      if (toolMessages(req).length === 0) return { toolCalls: [{ id: 'm1', name: 'read_file', arguments: "{'path': 'src/math.js', startLine: 1," }, { id: 'm2', name: 'grep', arguments: '[1, 2' }] };
      const tools = toolMessages(req);
      return { text: `repaired=${/1: exports\.add/.test(tools[0]?.content ?? '')} reported=${/could not be read/.test(tools[1]?.content ?? '')}` };
    });
    const result = await session.request(AgentTurnRequest, params('TASK: malformed'));
    assert.equal(result.status, 'done');
    assert.equal(result.text, 'repaired=true reported=true');
  });

  it('lists the MCP stdio fixture\'s tool and calls it after approval', async () => {
    await setSettings({ mcp: { servers: { words: { command: process.execPath, args: [MCP_FIXTURE] }, broken: { command: path.join(tmp, 'missing-server') } } } });
    try {
      const deadline = Date.now() + 20_000;
      let status = await session.request(AgentMcpStatusRequest, undefined);
      while (status.some((s) => s.state === 'connecting') || status.length < 2) {
        if (Date.now() > deadline) throw new Error(`MCP servers did not settle: ${JSON.stringify(status)}`);
        await new Promise((r) => setTimeout(r, 100));
        status = await session.request(AgentMcpStatusRequest, undefined);
      }
      const words = status.find((s) => s.name === 'words');
      assert.equal(words?.state, 'connected', JSON.stringify(status));
      assert.deepEqual(words?.tools.map((t) => t.callName), ['mcp_words_count_words']);
      assert.equal(status.find((s) => s.name === 'broken')?.state, 'failed');

      script(/TASK: count/, (req) => {
        if (toolMessages(req).length === 0) {
          const offered = ((req.body['tools'] as { function: { name: string } }[]) ?? []).map((t) => t.function.name);
          return offered.includes('mcp_words_count_words') ? { toolCalls: [tc('mcp_words_count_words', { text: 'the quick brown fox' })] } : { text: `not offered: ${offered.join(',')}` };
        }
        return { text: lastTool(req) };
      });
      const result = await session.request(AgentTurnRequest, params('TASK: count the words'));
      assert.equal(result.text, '4 words (counted by the word-count MCP server)');
      assert.deepEqual(asked.map((a) => `${a.category}:${a.tool}`), ['mcp:mcp:words/count_words']);
    } finally {
      await setSettings({});
    }
  });

  it('restores a checkpoint byte for byte: CRLF and BOM edited, a created file removed, a deleted binary back', async () => {
    const crlf = Buffer.from('\uFEFFfirst\r\nsecond\r\n', 'utf8');
    const bin = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 13, 10, 26, 10, 0]);
    writeFileSync(path.join(ws, 'notes.txt'), crlf);
    writeFileSync(path.join(ws, 'image.bin'), bin);
    script(/TASK: files/, (req) => {
      if (toolMessages(req).length === 0) {
        return { toolCalls: [
          tc('edit_file', { path: 'notes.txt', edits: '<<<<<<< SEARCH\nsecond\n=======\nSECOND\nthird\n>>>>>>> REPLACE' }),
          tc('create_file', { path: 'gen/out.txt', content: 'generated\n' }),
          tc('delete_file', { path: 'image.bin' }),
        ] };
      }
      return { text: 'done' };
    });
    const result = await session.request(AgentTurnRequest, params('TASK: files'));
    assert.equal(readFileSync(path.join(ws, 'notes.txt'), 'utf8'), '\uFEFFfirst\r\nSECOND\r\nthird\r\n');
    assert.ok(existsSync(path.join(ws, 'gen', 'out.txt')));
    assert.equal(existsSync(path.join(ws, 'image.bin')), false);
    assert.equal(result.checkpointFiles.length, 3);
    await session.request(AgentRestoreCheckpointRequest, { checkpointId: result.checkpointId! });
    assert.ok(readFileSync(path.join(ws, 'notes.txt')).equals(crlf));
    assert.ok(readFileSync(path.join(ws, 'image.bin')).equals(bin));
    assert.equal(existsSync(path.join(ws, 'gen')), false);
    rmSync(path.join(ws, 'notes.txt'));
    rmSync(path.join(ws, 'image.bin'));
  });

  it('kills a command that hangs at its timeout and tells the model', async () => {
    // Long enough for a shell to print its first line on a busy machine (the output before the kill must come back).
    await setSettings({ commandTimeoutSeconds: 3 });
    try {
      script(/TASK: hang/, (req) => (toolMessages(req).length === 0 ? { toolCalls: [tc('run_command', { command: 'echo waiting; sleep 120' })] } : { text: lastTool(req) }));
      const result = await session.request(AgentTurnRequest, params('TASK: hang'));
      assert.match(result.text, /waiting\n\[killed after 3 s \(timeout\)\]$/);
    } finally {
      await setSettings({});
    }
  });

  it('Stop ends the turn while a command runs', async () => {
    await setSettings({ approval: { commands: 'auto' } });
    try {
      // The command starts a grandchild and records its pid; Stop must kill it too.
      const pidFile = path.join(tmp, 'sleep.pid');
      script(/TASK: long/, (req) => (toolMessages(req).length === 0 ? { toolCalls: [tc('run_command', { command: `sleep 120 & echo $! > ${pidFile}; wait` })] } : { text: 'should not be asked' }));
      const p = params('TASK: long');
      const pending = session.request(AgentTurnRequest, p);
      await session.waitForNotification(AgentProgressNotification, (e) => e.turnId === p.turnId && e.event.type === 'step' && e.event.step.tool === 'run_command' && e.event.step.status === 'running');
      const pid = await until('the command to write its PID', async () => (existsSync(pidFile) && Number(readFileSync(pidFile, 'utf8').trim())) || undefined, 20_000);
      await session.notify(AgentCancelNotification, { turnId: p.turnId });
      const result = await pending;
      assert.equal(result.status, 'stopped');
      assert.equal(fake.requests({ path: '/v1/chat/completions' }).length, 1);
      // SIGKILL was sent to the whole group; wait (bounded) for the kernel to finish it off. A killed
      // process whose parent is gone may linger as a zombie until init reaps it: that is dead.
      assert.ok(await waitUntilGone(pid, 5000), `the command's child ${pid} still runs after Stop`);
    } finally {
      await setSettings({});
    }
  });

  it('Stop closes the model\'s HTTP stream at once', async () => {
    fake.failNext({ kind: 'hang' }, { route: '/v1/chat/completions', prompt: /TASK: stream stop/ });
    const p = params('TASK: stream stop');
    const pending = session.request(AgentTurnRequest, p);
    await fake.waitForRequest({ path: '/v1/chat/completions' }, 10_000);
    await session.notify(AgentCancelNotification, { turnId: p.turnId });
    const gone = await fake.waitForAbort({ path: '/v1/chat/completions' }, 10_000);
    assert.equal(gone.state, 'aborted');
    assert.equal((await pending).status, 'stopped');
  });

  it('is off in an untrusted workspace', async () => {
    const result = await session.request(AgentTurnRequest, params('TASK: anything', { trusted: false }));
    assert.equal(result.status, 'disabled');
    assert.match(result.error ?? '', /untrusted workspace/);
    assert.equal(fake.requests({ path: '/v1/chat/completions' }).length, 0);
  });
});
