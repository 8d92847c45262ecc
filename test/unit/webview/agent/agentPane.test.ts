/** The agent pane in jsdom: renders plan, steps, approvals and checkpoints; posts only validated intents. */
import { container } from '../dom';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type AgentViewState, isWebviewToExtension, type WebviewToExtension } from '@src/protocol/webview';
import { AgentPane } from '../../../../webview-ui/agent/agentPane';
import { createModeToggle } from '../../../../webview-ui/agent/modeToggle';

const state = (over: Partial<AgentViewState> = {}): AgentViewState => ({ enabled: true, runs: [], approvals: [], mcp: [], ...over });

function setup() {
  const posted: WebviewToExtension[] = [];
  const pane = new AgentPane((m) => posted.push(m));
  container().append(pane.element);
  const q = <T extends Element>(sel: string) => pane.element.querySelector(sel) as T | null;
  return { pane, posted, q };
}

describe('agent pane', () => {
  it('runs a task, shows plan and steps, and Stop while it works', () => {
    const { pane, posted, q } = setup();
    const input = q<HTMLTextAreaElement>('[data-testid=agent-task-input]')!;
    input.value = '  fix the tests  ';
    q<HTMLButtonElement>('[data-testid=agent-run]')!.click();
    assert.deepEqual(posted.at(-1), { type: 'agent/run', task: 'fix the tests' });
    pane.handle({
      type: 'agent/state',
      state: state({
        runs: [{
          id: 'r1', task: 'fix the tests', text: 'Working on it', status: 'running',
          plan: [{ step: 'Find the bug', status: 'done' }, { step: 'Fix it', status: 'in_progress' }],
          steps: [{ id: 's1', tool: 'read_file', title: 'Read src/a.ts:1-10', status: 'done', detail: 'src/a.ts' }, { id: 's2', tool: 'run_command', title: 'Run `rm -rf /`', status: 'denied' }],
        }],
      }),
    });
    const items = Array.from(pane.element.querySelectorAll('[data-testid=agent-plan] li')) as HTMLElement[];
    assert.deepEqual(items.map((li) => [li.textContent, li.dataset.status]), [['Find the bug', 'done'], ['Fix it', 'in_progress']]);
    const steps = Array.from(pane.element.querySelectorAll('[data-testid=agent-steps] .tool-step')) as HTMLElement[];
    assert.deepEqual(steps.map((s) => s.dataset.status), ['done', 'error']);
    assert.match(steps[1]!.textContent ?? '', /\(denied\)/);
    assert.equal(q<HTMLButtonElement>('[data-testid=agent-run]')!.disabled, true);
    const stop = q<HTMLButtonElement>('[data-testid=agent-stop]')!;
    assert.equal(stop.hidden, false);
    stop.click();
    assert.deepEqual(posted.at(-1), { type: 'agent/stop' });
    for (const m of posted) assert.ok(isWebviewToExtension(m), JSON.stringify(m));
  });

  it('approval cards: the diff as text, Approve / Approve for this session / Deny with feedback', () => {
    const { pane, posted, q } = setup();
    const cards = [
      { id: 'a1', category: 'edit' as const, title: 'Edited src/a.ts', detail: '--- a/src/a.ts\n+++ b/src/a.ts\n-<b>old</b>\n+new' },
      { id: 'a2', category: 'command' as const, title: 'Run `npm test`', detail: 'npm test' },
      { id: 'a3', category: 'command' as const, title: 'Run `make`', detail: 'make' },
    ];
    pane.handle({ type: 'agent/state', state: state({ approvals: cards }) });
    const shown = Array.from(pane.element.querySelectorAll('[data-testid=agent-approval]')) as HTMLElement[];
    assert.equal(shown.length, 3);
    assert.equal(shown[0]!.querySelector('.del')?.textContent, '-<b>old</b>\n');
    assert.equal(shown[0]!.querySelector('b'), null, 'detail is text, never HTML');
    (shown[0]!.querySelector('[data-testid=approval-approve]') as HTMLButtonElement).click();
    (shown[1]!.querySelector('[data-testid=approval-approve-session]') as HTMLButtonElement).click();
    (shown[2]!.querySelector('[data-testid=approval-feedback]') as HTMLTextAreaElement).value = 'use the Makefile target check';
    (shown[2]!.querySelector('[data-testid=approval-deny]') as HTMLButtonElement).click();
    assert.deepEqual(posted, [
      { type: 'agent/approve', approvalId: 'a1', decision: 'approve' },
      { type: 'agent/approve', approvalId: 'a2', decision: 'approveSession' },
      { type: 'agent/approve', approvalId: 'a3', decision: 'deny', feedback: 'use the Makefile target check' },
    ]);
    for (const m of posted) assert.ok(isWebviewToExtension(m));
    // A card keeps its typed feedback across re-renders.
    pane.handle({ type: 'agent/state', state: state({ approvals: [{ id: 'a4', category: 'mcp', title: 'Call words/count' }] }) });
    (q<HTMLTextAreaElement>('[data-testid=approval-feedback]')!).value = 'typing';
    pane.handle({ type: 'agent/state', state: state({ approvals: [{ id: 'a4', category: 'mcp', title: 'Call words/count' }] }) });
    assert.equal(q<HTMLTextAreaElement>('[data-testid=approval-feedback]')!.value, 'typing');
  });

  it('Restore checkpoint, MCP servers and tools, and the untrusted notice', () => {
    const { pane, posted, q } = setup();
    pane.handle({
      type: 'agent/state',
      state: state({
        runs: [{ id: 'r1', task: 't', text: 'done', status: 'done', plan: [], steps: [], checkpoint: { id: 'c1', files: ['/w/src/a.ts', '/w/b.ts'], restored: false } }],
        mcp: [{ name: 'words', transport: 'stdio', state: 'connected', tools: [{ server: 'words', name: 'count_words', callName: 'mcp_words_count_words', description: 'Count words' }] }, { name: 'bad', transport: 'http', state: 'failed', error: 'refused', tools: [] }],
      }),
    });
    q<HTMLButtonElement>('[data-testid=agent-restore]')!.click();
    assert.deepEqual(posted.at(-1), { type: 'agent/restoreCheckpoint', runId: 'r1' });
    const mcp = q<HTMLElement>('[data-testid=agent-mcp]')!;
    assert.match(mcp.textContent ?? '', /MCP: 2 servers, 1 tool/);
    assert.match(mcp.textContent ?? '', /count_words — Count words/);
    assert.match(mcp.textContent ?? '', /bad · failed: refused/);

    pane.handle({ type: 'agent/state', state: state({ enabled: false, disabledReason: 'Agent mode is off in an untrusted workspace.' }) });
    assert.equal(q<HTMLTextAreaElement>('[data-testid=agent-task-input]')!.disabled, true);
    assert.equal(q<HTMLButtonElement>('[data-testid=agent-run]')!.disabled, true);
    assert.match(q<HTMLElement>('.agent-notice')!.textContent ?? '', /untrusted/);
  });

  it('the final answer is sanitised markdown, links open through the extension', () => {
    const { pane, posted, q } = setup();
    const text = 'Fixed `add` in [math.js](src/math.js#L1).\n\n- one\n- two\n\n<img src=x onerror=alert(1)><script>alert(2)</script>\n\n```js\nexports.add = (a, b) => a + b;\n```';
    pane.handle({ type: 'agent/state', state: state({ runs: [{ id: 'r1', task: 't', text, status: 'done', plan: [], steps: [] }] }) });
    const answer = q<HTMLElement>('[data-testid=agent-answer]')!;
    assert.equal(answer.querySelector('code')?.textContent, 'add');
    assert.equal(answer.querySelectorAll('li').length, 2);
    assert.match(answer.querySelector('pre code')?.textContent ?? '', /exports\.add/);
    assert.equal(answer.querySelector('img, script, [onerror]'), null, 'raw HTML is shown as text, never markup');
    assert.match(answer.textContent ?? '', /<img src=x/);
    const link = answer.querySelector('a[data-kind]') as HTMLAnchorElement;
    link.click();
    assert.deepEqual(posted.at(-1), { type: 'openLocation', path: 'src/math.js', line: 1 });
    // Redrawn for another event of the run: the same element, not parsed again.
    pane.handle({ type: 'agent/state', state: state({ runs: [{ id: 'r1', task: 't', text, status: 'done', plan: [], steps: [] }] }) });
    assert.equal(q<HTMLElement>('[data-testid=agent-answer]'), answer);
  });

  it("a running command's output is streamed into its step, opened once; the answers to cards are listed", () => {
    const { pane } = setup();
    const run = (output: string | undefined, status: 'running' | 'done') => ({
      id: 'r1', task: 't', text: '', status: 'running' as const, plan: [],
      steps: [{ id: 's1', tool: 'run_command', title: 'Run `npm test`', status, ...(output !== undefined ? { output } : {}), ...(status === 'done' ? { detail: 'tail of it' } : {}) }],
      approvals: [
        { category: 'command' as const, title: 'Run `npm test`', decision: 'approve' as const },
        { category: 'command' as const, title: 'Run `rm -rf build`', decision: 'deny' as const, feedback: 'keep the build' },
      ],
    });
    pane.handle({ type: 'agent/state', state: state({ runs: [run('line 1\n', 'running')] }) });
    const row = pane.element.querySelector('[data-testid=agent-steps] .tool-step') as HTMLDetailsElement;
    assert.equal(row.open, true, 'opened when the output starts');
    assert.equal(row.querySelector('.tool-step-detail')?.textContent, 'line 1\n');
    row.open = false; // the user closes it
    pane.handle({ type: 'agent/state', state: state({ runs: [run('line 1\nline 2\n', 'running')] }) });
    assert.equal(row.open, false, 'stays as the user left it');
    assert.equal(row.querySelector('.tool-step-detail')?.textContent, 'line 1\nline 2\n');
    pane.handle({ type: 'agent/state', state: state({ runs: [run(undefined, 'done')] }) });
    assert.equal(row.querySelector('.tool-step-detail')?.textContent, 'tail of it');
    const log = Array.from(pane.element.querySelectorAll('[data-testid=agent-approval-log] li')) as HTMLElement[];
    assert.deepEqual(log.map((li) => [li.dataset.decision, li.textContent]), [['approve', 'Run `npm test`: approved'], ['deny', 'Run `rm -rf build`: denied — “keep the build”']]);
  });

  it('the mode toggle shows one pane at a time', () => {
    const chat = container();
    const agent = container();
    const toggle = createModeToggle({ chat, agent });
    const pane = new AgentPane(() => undefined);
    pane.onNeedsAttention = () => toggle.set('agent');
    assert.equal(agent.hidden, true);
    (toggle.element.querySelector('[data-testid=mode-agent]') as HTMLButtonElement).click();
    assert.equal(agent.hidden, false);
    assert.equal(chat.hidden, true);
    assert.equal(toggle.element.querySelector('[data-testid=mode-agent]')!.getAttribute('aria-pressed'), 'true');
    // A new approval card brings the agent pane forward; the same card again does not.
    (toggle.element.querySelector('[data-testid=mode-chat]') as HTMLButtonElement).click();
    pane.handle({ type: 'agent/state', state: state({ approvals: [{ id: 'a1', category: 'command', title: 'Run `ls`' }] }) });
    assert.equal(agent.hidden, false);
    (toggle.element.querySelector('[data-testid=mode-chat]') as HTMLButtonElement).click();
    pane.handle({ type: 'agent/state', state: state({ approvals: [{ id: 'a1', category: 'command', title: 'Run `ls`' }] }) });
    assert.equal(agent.hidden, true);
  });
});

describe('agent webview messages are validated', () => {
  it('accepts the declared shapes and rejects anything else', () => {
    assert.ok(isWebviewToExtension({ type: 'agent/approve', approvalId: 'x', decision: 'deny', feedback: 'no' }));
    assert.ok(!isWebviewToExtension({ type: 'agent/approve', approvalId: 'x', decision: 'always' }));
    assert.ok(!isWebviewToExtension({ type: 'agent/approve', approvalId: 'x', decision: 'approve', autoApproveAll: true }));
    assert.ok(!isWebviewToExtension({ type: 'agent/run', task: '   ' }));
    assert.ok(!isWebviewToExtension({ type: 'agent/restoreCheckpoint', runId: '' }));
    assert.ok(isWebviewToExtension({ type: 'agent/stop' }));
  });
});
