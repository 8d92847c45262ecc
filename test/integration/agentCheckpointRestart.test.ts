/**
 * An agent checkpoint outlives its server: a turn edits, creates and deletes files, the server is
 * killed (SIGKILL: nothing runs at exit), and a new server on the same storage restores every file.
 */
import { strict as assert } from 'node:assert';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { FakeModelServer } from '../fixtures/fakeModelServer';
import type { ModelRequest } from '../fixtures/fakeModelServer/types';
import { AgentProgressNotification, AgentRestoreCheckpointRequest, AgentTurnRequest, type AgentTurnParams } from '@src/protocol/lsp';
import { LspSession, REPO_ROOT } from './helpers/lspSession';

const FIXTURE = path.join(REPO_ROOT, 'test', 'fixtures', 'agent', 'repo');
const tools = (req: ModelRequest) => ((req.body['messages'] as { role: string }[]) ?? []).filter((m) => m.role === 'tool');

describe('agent checkpoints across a server restart', () => {
  const fake = new FakeModelServer({ models: ['agent-model'] });
  const tmp = mkdtempSync(path.join(tmpdir(), 'banyan-agent-restart-'));
  const ws = path.join(tmp, 'ws');
  const storageDir = path.join(tmp, 'storage');
  const sessions: LspSession[] = [];
  const start = async () => {
    const session = new LspSession({
      workspace: ws,
      initializationOptions: {
        storageDir,
        settings: { index: { enabled: false }, models: { agent: { provider: 'openai-compatible', baseUrl: fake.openaiBaseUrl, model: 'agent-model', maxRetries: 0 } }, agent: { approval: { edits: 'auto' } } },
      },
    });
    sessions.push(session);
    await session.initialize();
    return session;
  };

  before(async () => {
    cpSync(FIXTURE, ws, { recursive: true });
    await fake.start();
  });
  after(async () => {
    for (const s of sessions) await s.close();
    await fake.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('a new server restores the checkpoint of a turn whose server was killed', async () => {
    const math = path.join(ws, 'src', 'math.js');
    const original = readFileSync(math);
    const notes = Buffer.from('\uFEFFkeep\r\nme\r\n', 'utf8');
    writeFileSync(path.join(ws, 'notes.txt'), notes);
    fake.addRule({
      route: '/v1/chat/completions',
      prompt: /TASK: change files/,
      reply: (req) =>
        tools(req).length === 0
          ? { toolCalls: [
              { name: 'edit_file', arguments: { path: 'src/math.js', edits: '<<<<<<< SEARCH\nexports.add = (a, b) => a - b;\n=======\nexports.add = (a, b) => a + b;\n>>>>>>> REPLACE' } },
              { name: 'create_file', arguments: { path: 'made/new.txt', content: 'new\n' } },
              { name: 'delete_file', arguments: { path: 'notes.txt' } },
            ] }
          : { text: 'changed' },
    });
    const first = await start();
    const params: AgentTurnParams = { turnId: 't1', conversationId: 'c1', task: 'TASK: change files', history: [], trusted: true, client: { terminal: false, diagnostics: false, locations: false } };
    const result = await first.request(AgentTurnRequest, params);
    assert.equal(result.status, 'done', result.error);
    assert.ok(result.checkpointId);
    const announced = first.notifications.filter((n) => n.method === AgentProgressNotification.method).map((n) => (n.params as { event: { type: string; id?: string } }).event).filter((e) => e.type === 'checkpoint');
    assert.ok(announced.length > 0 && announced.every((e) => e.id === result.checkpointId), 'the checkpoint events name the checkpoint the client restores');
    assert.notDeepEqual(readFileSync(math), original);
    assert.equal(existsSync(path.join(ws, 'notes.txt')), false);

    first.child.kill('SIGKILL');
    await new Promise((r) => first.child.once('exit', r));

    const second = await start();
    const { restored } = await second.request(AgentRestoreCheckpointRequest, { checkpointId: result.checkpointId });
    assert.equal(restored.length, 3);
    assert.ok(readFileSync(math).equals(original));
    assert.ok(readFileSync(path.join(ws, 'notes.txt')).equals(notes));
    assert.equal(existsSync(path.join(ws, 'made')), false);
    await assert.rejects(second.request(AgentRestoreCheckpointRequest, { checkpointId: 'c1:unknown' }), /no longer kept/);
  });
});
