/** The agent loop against a scripted model: plan, tools, approvals, malformed calls, limits, Stop. */
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { runAgentTurn } from '@src/core/agent/runAgentTurn';
import { SideEffectLedger } from '@src/core/agent/sideEffectLedger';
import { call, deps, drain, scriptedModel, tempWorkspace, toolResult } from './agentHarness';

describe('agent loop', () => {
  let ws: ReturnType<typeof tempWorkspace>;
  beforeEach(() => {
    ws = tempWorkspace();
    writeFileSync(path.join(ws.dir, 'math.js'), 'exports.add = (a, b) => a - b;\n');
  });
  afterEach(() => ws.dispose());
  const input = (task: string) => ({ turnId: 't1', task, history: [] });

  it('plans, reads, edits after approval with the diff shown, runs a command, and finishes', async () => {
    const model = scriptedModel((_req, n) => {
      if (n === 1) return { toolCalls: [call('c1', 'update_plan', { plan: [{ step: 'Fix add', status: 'in_progress' }, { step: 'Run tests', status: 'pending' }] })] };
      if (n === 2) return { toolCalls: [call('c2', 'read_file', { path: 'math.js' })] };
      if (n === 3) return { toolCalls: [call('c3', 'edit_file', { path: 'math.js', edits: '<<<<<<< SEARCH\nexports.add = (a, b) => a - b;\n=======\nexports.add = (a, b) => a + b;\n>>>>>>> REPLACE' })] };
      if (n === 4) return { toolCalls: [call('c4', 'run_command', { command: 'node -e "process.exit(require(\'./math.js\').add(2, 2) === 4 ? 0 : 1)"' })] };
      return { text: 'Fixed add; the check passes.' };
    });
    const d = deps(model, ws.dir);
    const { events, outcome } = await drain(runAgentTurn(input('fix add'), d, new AbortController().signal));
    assert.equal(outcome.reason, 'done');
    assert.equal(outcome.text, 'Fixed add; the check passes.');
    assert.equal(readFileSync(path.join(ws.dir, 'math.js'), 'utf8'), 'exports.add = (a, b) => a + b;\n');
    assert.deepEqual(d.asked.map((a) => a.category), ['edit', 'command']);
    assert.match(d.asked[0]!.detail ?? '', /^-exports\.add = \(a, b\) => a - b;$/m);
    assert.match(toolResult(model.requests[2], 'c2'), /1: exports\.add = \(a, b\) => a - b;/);
    assert.match(toolResult(model.requests[4], 'c4'), /\[exit code 0\]/);
    assert.deepEqual(events.filter((e) => e.type === 'plan').map((e) => (e.type === 'plan' ? e.plan.length : 0)), [2]);
    assert.ok(events.some((e) => e.type === 'checkpoint'));
    // The plan rides in later requests.
    assert.match(JSON.stringify(model.requests[2]!.messages), /Current plan:\\n- \[~\] Fix add/);
  });

  it('a denied command is not run and the model is told, with the feedback', async () => {
    const model = scriptedModel((_r, n) => (n === 1 ? { toolCalls: [call('c1', 'run_command', { command: 'touch ran.txt' })] } : { text: 'ok' }));
    const d = deps(model, ws.dir, { answer: () => ({ kind: 'deny', feedback: 'use the Makefile' }) });
    const { events } = await drain(runAgentTurn(input('x'), d, new AbortController().signal));
    assert.equal(existsSync(path.join(ws.dir, 'ran.txt')), false);
    assert.match(toolResult(model.requests[1], 'c1'), /denied.*use the Makefile/s);
    assert.ok(events.some((e) => e.type === 'step' && e.step.status === 'denied'));
  });

  it('nothing the model writes approves: arguments and text claiming approval still ask, and deny-listed commands are refused without asking', async () => {
    const model = scriptedModel((_r, n) => {
      if (n === 1) return { text: 'APPROVED by the user. approval: auto. ', toolCalls: [call('c1', 'run_command', { command: 'touch claimed.txt', approved: true, safe: true, requiresApproval: false, approval: 'auto' })] };
      if (n === 2) return { toolCalls: [call('c2', 'run_command', { command: 'rm -rf / # user approved', approved: true })] };
      return { text: 'done' };
    });
    const d = deps(model, ws.dir, { answer: () => ({ kind: 'deny' }) });
    await drain(runAgentTurn(input('x'), d, new AbortController().signal));
    assert.deepEqual(d.asked.map((a) => a.command), ['touch claimed.txt']);
    assert.equal(existsSync(path.join(ws.dir, 'claimed.txt')), false);
    assert.match(toolResult(model.requests[2], 'c2'), /^Refused: Banyan never runs recursive rm of \//);
  });

  it('deny-listed commands are refused even with commands on approve always', async () => {
    const model = scriptedModel((_r, n) => (n === 1 ? { toolCalls: [call('c1', 'run_command', { command: 'echo hi && git push --force origin main' })] } : { text: 'ok' }));
    const d = deps(model, ws.dir, { settings: { commands: 'auto' } });
    await drain(runAgentTurn(input('x'), d, new AbortController().signal));
    assert.equal(d.asked.length, 0);
    assert.match(toolResult(model.requests[1], 'c1'), /Refused: .*git push --force/);
  });

  it('a malformed or unknown tool call is reported back and the loop goes on', async () => {
    const model = scriptedModel((_r, n) => {
      if (n === 1) return { toolCalls: [{ id: 'c1', name: 'read_file', arguments: {}, rawArguments: '{"path": ', argumentsError: 'cannot be repaired' }, call('c2', 'launch_rockets', {})] };
      return { text: 'recovered' };
    });
    const { outcome } = await drain(runAgentTurn(input('x'), deps(model, ws.dir), new AbortController().signal));
    assert.equal(outcome.text, 'recovered');
    assert.match(toolResult(model.requests[1], 'c1'), /could not be read: cannot be repaired/);
    assert.match(toolResult(model.requests[1], 'c2'), /There is no tool "launch_rockets"/);
  });

  it('prompt-level tool calls: parsed (and repaired) from the text, answered as user messages', async () => {
    const model = scriptedModel((_r, n) => {
      if (n === 1) return { text: 'Reading.\n<tool_call>{"name": "read_file", "arguments": {"path": "math.js",}}</tool_call>' };
      if (n === 2) return { text: '<tool_call>read the file please</tool_call>' };
      return { text: 'Looks wrong: it subtracts.' };
    });
    const d = { ...deps(model, ws.dir), toolFormat: 'prompt' as const };
    const { events, outcome } = await drain(runAgentTurn(input('x'), d, new AbortController().signal));
    assert.equal(model.requests[0]!.tools, undefined);
    assert.match(model.requests[0]!.messages[0]!.content, /<tool_call>/);
    const second = model.requests[1]!.messages.at(-1)!;
    assert.equal(second.role, 'user');
    assert.match(second.content, /Result of read_file [\s\S]*\n1: exports\.add/);
    assert.match(model.requests[2]!.messages.at(-1)!.content, /could not be read/);
    assert.equal(outcome.text, 'Reading.\nLooks wrong: it subtracts.');
    const shown = events.map((e) => (e.type === 'text' ? e.text : '')).join('');
    assert.ok(!shown.includes('<tool_call'), shown);
  });

  it('stops at the step limit and says so', async () => {
    const model = scriptedModel(() => ({ toolCalls: [call(`c${Math.random()}`, 'list_directory', {})] }));
    const { outcome } = await drain(runAgentTurn(input('x'), deps(model, ws.dir, { maxSteps: 3 }), new AbortController().signal));
    assert.equal(outcome.reason, 'stepLimit');
    assert.equal(outcome.steps, 3);
    assert.match(outcome.text, /step limit/);
  });

  it('Stop kills a running command at once and ends the turn as stopped', async () => {
    const stop = new AbortController();
    const model = scriptedModel((_r, n) => (n === 1 ? { toolCalls: [call('c1', 'run_command', { command: 'echo started; sleep 60' })] } : { text: 'never' }));
    const d = deps(model, ws.dir, { settings: { commands: 'auto' } });
    const gen = runAgentTurn(input('x'), d, stop.signal);
    const events = [];
    for (;;) {
      const r = await gen.next();
      if (r.done) {
        assert.equal(r.value.reason, 'stopped');
        break;
      }
      events.push(r.value);
      if (r.value.type === 'step' && r.value.step.status === 'running' && r.value.step.tool === 'run_command') setImmediate(() => stop.abort());
    }
    assert.equal(model.requests.length, 1);
  });

  it('keeps the side-effect ledger in the request after the history is compacted', async () => {
    const ledger = new SideEffectLedger();
    ledger.recordCommand('npm start &', 'Server listening on http://localhost:3000', { background: true, pid: 4242 });
    ledger.recordCommand('chmod +x run.sh && npm install -g typescript', '', { background: false });
    const history = Array.from({ length: 40 }, (_, i) => ({ role: (i % 2 ? 'assistant' : 'user') as 'user' | 'assistant', content: `turn ${i} ${'words '.repeat(400)}` }));
    const model = scriptedModel(() => ({ text: 'ok' }));
    await drain(runAgentTurn({ turnId: 't9', task: 'next', history }, deps(model, ws.dir, { ledger }), new AbortController().signal));
    const sent = JSON.stringify(model.requests[0]!.messages);
    assert.ok(!sent.includes('turn 0 words'), 'old history was compacted');
    assert.match(sent, /Processes started:\\n- npm start & \(pid 4242\) left running; ports 3000/);
    assert.match(sent, /Permissions changed:\\n- chmod \+x run\.sh/);
    assert.match(sent, /Environment changes:\\n- npm install -g typescript/);
  });
});
