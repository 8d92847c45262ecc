/** One agent task in the panel: the task, the plan checklist, the tool steps, the answer, its end. */
import type { AgentRunView, WebviewToExtension } from '../../src/protocol/webview';
import { renderToolSteps } from '../chat/toolSteps';
import { el, icon, iconButton } from '../dom';

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
  renderToolSteps(steps, run.steps.map((s) => ({ id: s.id, title: s.status === 'denied' ? `${s.title} (denied)` : s.title, status: s.status === 'denied' ? 'error' : s.status, ...(s.detail ? { detail: s.detail } : {}) })));
  parts.push(steps);
  if (run.text) parts.push(el('div', 'agent-answer', run.text));
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
