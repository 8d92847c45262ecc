/**
 * One agent task in the panel: the task, the plan checklist, the tool steps (a running command's
 * output streamed into its row, scrolled to the end), the answers given to its approval cards, the
 * final answer as sanitised markdown like a chat answer, its end and its checkpoint.
 */
import type { AgentApprovalRecord, AgentRunView, WebviewToExtension } from '../../src/protocol/webview';
import { renderMarkdown } from '../chat/markdown/renderMarkdown';
import { renderToolSteps } from '../chat/toolSteps';
import { el, icon, iconButton } from '../dom';

/** The rendered answer of each run node, parsed again only when its text changed (runs redraw on every event). */
const answers = new WeakMap<HTMLElement, { text: string; element: HTMLElement }>();

const DECISION_TEXT: Record<AgentApprovalRecord['decision'], string> = {
  approve: 'approved',
  approveSession: 'approved for this session',
  deny: 'denied',
  withdrawn: 'not answered (the task stopped)',
};

const STATUS_TEXT: Record<AgentRunView['status'], string> = {
  running: 'Working…',
  done: 'Done',
  stepLimit: 'Stopped at the step limit',
  stopped: 'Stopped',
  error: 'Failed',
  disabled: 'Agent mode is off',
};

export function renderRun(node: HTMLElement, run: AgentRunView, post: (m: WebviewToExtension) => void): void {
  node.dataset.runId = run.id;
  node.dataset.status = run.status;
  const task = el('div', 'agent-task', run.task);
  const parts: Node[] = [task];
  if (run.plan.length) {
    const plan = el('ol', 'agent-plan');
    plan.setAttribute('data-testid', 'agent-plan');
    plan.setAttribute('aria-label', 'Plan');
    for (const item of run.plan) {
      const li = el('li', `plan-item ${item.status}`);
      li.dataset.status = item.status;
      li.append(icon(item.status === 'done' ? 'pass-filled' : item.status === 'in_progress' ? 'circle-large-filled' : 'circle-large-outline'), el('span', '', item.step));
      plan.append(li);
    }
    parts.push(plan);
  }
  // Reuse the chat's collapsible steps; keep rows (and their open state) across renders.
  const steps = (node.querySelector('.agent-steps') as HTMLElement | null) ?? el('div', 'tool-steps agent-steps');
  steps.setAttribute('data-testid', 'agent-steps');
  renderToolSteps(steps, run.steps.map((s) => {
    const detail = s.status === 'running' && s.output ? s.output : s.detail;
    return { id: s.id, title: s.status === 'denied' ? `${s.title} (denied)` : s.title, status: s.status === 'denied' ? 'error' : s.status, ...(detail ? { detail } : {}) };
  }));
  for (const s of run.steps) if (s.status === 'running' && s.output) showOutput(steps, s.id);
  parts.push(steps);
  if (run.approvals?.length) parts.push(approvalList(run.approvals));
  if (run.text) parts.push(answerElement(node, run.text));
  const status = el('div', 'agent-run-status');
  status.setAttribute('data-testid', 'agent-run-status');
  status.dataset.status = run.status;
  status.append(icon(run.status === 'running' ? 'loading' : run.status === 'done' ? 'check' : run.status === 'error' || run.status === 'disabled' ? 'error' : 'debug-stop'), el('span', '', STATUS_TEXT[run.status]));
  if (run.error) status.append(el('span', 'agent-error', ` — ${run.error}`));
  parts.push(status);
  if (run.checkpoint) {
    const cp = el('div', 'agent-checkpoint');
    const n = run.checkpoint.files.length;
    if (run.checkpoint.restored) cp.append(el('span', '', `Checkpoint restored (${n} file${n === 1 ? '' : 's'})`));
    else {
      const restore = iconButton('discard', 'Restore checkpoint', 'Restore checkpoint', 'secondary small');
      restore.setAttribute('data-testid', 'agent-restore');
      restore.title = `Put back ${n} file${n === 1 ? '' : 's'} as they were before this task`;
      restore.disabled = run.status === 'running';
      restore.addEventListener('click', () => {
        restore.disabled = true;
        post({ type: 'agent/restoreCheckpoint', runId: run.id });
      });
      cp.append(restore, el('span', 'agent-checkpoint-files', run.checkpoint.files.map((f) => f.split(/[\\/]/).pop()).join(', ')));
    }
    parts.push(cp);
  }
  node.replaceChildren(...parts);
}

/** A running command's row opens once when its output starts (the user may close it) and follows the output's end. */
function showOutput(steps: HTMLElement, stepId: string): void {
  const row = Array.from(steps.children).find((r) => (r as HTMLElement).dataset.stepId === stepId) as HTMLDetailsElement | undefined;
  if (!row) return;
  row.classList.add('command-output');
  if (row.dataset.opened !== 'yes') {
    row.dataset.opened = 'yes';
    row.open = true;
  }
  const pre = row.querySelector('.tool-step-detail') as HTMLElement | null;
  if (pre) pre.scrollTop = pre.scrollHeight;
}

function approvalList(records: readonly AgentApprovalRecord[]): HTMLElement {
  const list = el('ul', 'agent-approval-log');
  list.setAttribute('aria-label', 'Approvals');
  list.setAttribute('data-testid', 'agent-approval-log');
  for (const r of records) {
    const li = el('li', `approval-record ${r.decision}`);
    li.dataset.decision = r.decision;
    li.append(icon(r.decision === 'approve' || r.decision === 'approveSession' ? 'check' : 'close'), el('span', '', `${r.title}: ${DECISION_TEXT[r.decision]}${r.feedback ? ` — “${r.feedback}”` : ''}`));
    list.append(li);
  }
  return list;
}

function answerElement(node: HTMLElement, text: string): HTMLElement {
  const cached = answers.get(node);
  if (cached?.text === text) return cached.element;
  const element = el('div', 'agent-answer markdown');
  element.setAttribute('data-testid', 'agent-answer');
  element.append(renderMarkdown(text));
  answers.set(node, { text, element });
  return element;
}
