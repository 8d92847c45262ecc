/**
 * The agent pane of the chat panel: MCP servers and tools, the runs (plan, steps, answer, Restore
 * checkpoint), the approval cards waiting for the user, and the task composer with Run and Stop.
 * It renders `agent/state` from the extension and posts the user's intents; it decides nothing.
 */
import type { AgentViewState, ExtensionToWebview, WebviewToExtension } from '../../src/protocol/webview';
import { keepScrolledToBottom } from '../chat/autoScroll';
import { linkMessage } from '../chat/linkActions';
import { el, icon, iconButton } from '../dom';
import { renderRun } from './agentRunView';
import { renderApprovalCards } from './approvalCards';

export class AgentPane {
  readonly element: HTMLElement;
  private readonly mcp: HTMLDetailsElement;
  private readonly runs: HTMLElement;
  private readonly approvals: HTMLElement;
  private readonly notice: HTMLElement;
  private readonly input: HTMLTextAreaElement;
  private readonly run: HTMLButtonElement;
  private readonly stop: HTMLButtonElement;
  private state: AgentViewState = { enabled: true, runs: [], approvals: [], mcp: [] };
  /** Called when a new approval card arrives, so the panel can switch to the agent pane to show it. */
  onNeedsAttention: () => void = () => undefined;

  constructor(private readonly post: (m: WebviewToExtension) => void) {
    this.element = el('div', 'agent');
    this.element.setAttribute('data-testid', 'agent-pane');
    this.mcp = el('details', 'agent-mcp');
    this.mcp.setAttribute('data-testid', 'agent-mcp');
    this.runs = el('div', 'agent-runs');
    this.runs.setAttribute('aria-live', 'polite');
    // The newest run, its steps and a command's output as they stream, unless the user scrolled up to read.
    keepScrolledToBottom(this.runs);
    // Links in answers carry a checked target and never navigate: the extension opens them.
    this.runs.addEventListener('click', (e) => {
      const link = (e.target as Element).closest('a');
      if (!link) return;
      e.preventDefault();
      const m = link.matches('a[data-kind]') ? linkMessage(link) : null;
      if (m) this.post(m);
    });
    this.approvals = el('div', 'agent-approvals');
    this.notice = el('p', 'agent-notice');
    this.input = el('textarea', 'agent-input');
    this.input.rows = 3;
    this.input.placeholder = 'Describe a task: the agent plans, edits files and runs commands — you approve each change';
    this.input.setAttribute('aria-label', 'Agent task');
    this.input.setAttribute('data-testid', 'agent-task-input');
    this.run = iconButton('play', 'Run task', 'Run', 'small');
    this.run.setAttribute('data-testid', 'agent-run');
    this.stop = iconButton('debug-stop', 'Stop the agent', 'Stop', 'secondary small');
    this.stop.setAttribute('data-testid', 'agent-stop');
    this.run.addEventListener('click', () => this.submit());
    this.stop.addEventListener('click', () => this.post({ type: 'agent/stop' }));
    this.input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        this.submit();
      }
    });
    const row = el('div', 'agent-composer');
    const buttons = el('div', 'agent-composer-actions');
    buttons.append(this.run, this.stop);
    row.append(this.input, buttons);
    this.element.append(this.mcp, this.runs, this.approvals, this.notice, row);
    this.render();
  }

  handle(msg: ExtensionToWebview): void {
    if (msg.type !== 'agent/state') return;
    const seen = new Set(this.state.approvals.map((a) => a.id));
    this.state = msg.state;
    this.render();
    if (msg.state.approvals.some((a) => !seen.has(a.id))) this.onNeedsAttention();
  }

  private submit(): void {
    const task = this.input.value.trim();
    if (!task || !this.state.enabled || this.busy()) return;
    this.input.value = '';
    this.post({ type: 'agent/run', task });
  }

  private busy(): boolean {
    return this.state.runs.some((r) => r.status === 'running');
  }

  private render(): void {
    const s = this.state;
    const busy = this.busy();
    this.notice.hidden = s.enabled;
    this.notice.textContent = s.disabledReason ?? '';
    this.input.disabled = !s.enabled;
    this.run.disabled = !s.enabled || busy;
    this.stop.hidden = !busy;
    this.renderMcp();
    const nodes = new Map<string, HTMLElement>();
    for (const n of Array.from(this.runs.children) as HTMLElement[]) if (n.dataset.runId) nodes.set(n.dataset.runId, n);
    const runs = s.runs.map((r) => {
      const node = nodes.get(r.id) ?? el('article', 'agent-run');
      renderRun(node, r, this.post);
      return node;
    });
    if (!runs.length) runs.push(el('p', 'welcome', 'Agent mode: give a task (e.g. "fix the failing test in src/math.js"). The agent shows its plan, asks before it edits a file or runs a command, and keeps a checkpoint you can restore.'));
    this.runs.replaceChildren(...runs);
    renderApprovalCards(this.approvals, s.approvals, this.post);
  }

  private renderMcp(): void {
    const tools = this.state.mcp.flatMap((m) => m.tools);
    const summary = el('summary', '');
    summary.append(icon('plug'), el('span', '', ` MCP: ${this.state.mcp.length} server${this.state.mcp.length === 1 ? '' : 's'}, ${tools.length} tool${tools.length === 1 ? '' : 's'}`));
    const list = el('ul', 'agent-mcp-list');
    for (const server of this.state.mcp) {
      const li = el('li', `mcp-server ${server.state}`);
      li.dataset.state = server.state;
      li.append(el('strong', '', server.name), el('span', 'mcp-state', ` · ${server.state}${server.error ? `: ${server.error}` : ''}`));
      if (server.tools.length) {
        const ul = el('ul', 'mcp-tools');
        for (const t of server.tools) ul.append(el('li', 'mcp-tool', `${t.name}${t.description ? ` — ${t.description}` : ''}`));
        li.append(ul);
      }
      list.append(li);
    }
    this.mcp.replaceChildren(summary, list);
    this.mcp.hidden = this.state.mcp.length === 0;
  }
}
