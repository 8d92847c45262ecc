/**
 * The retrieval / tool steps the model took before answering, one collapsible row each
 * ("Searched `UserService` · 5 results", details below). Rows are keyed by step id so a step that
 * updates (running → done) keeps its open/closed state.
 */
import type { ToolStep } from '../../src/protocol/webview';
import { el, icon } from '../dom';

export function renderToolSteps(container: HTMLElement, steps: readonly ToolStep[]): void {
  const existing = new Map<string, HTMLElement>();
  for (const row of Array.from(container.children) as HTMLElement[]) if (row.dataset.stepId) existing.set(row.dataset.stepId, row);
  const rows = steps.map((step) => {
    const row = existing.get(step.id) ?? el('details', 'tool-step');
    row.dataset.stepId = step.id;
    row.dataset.status = step.status;
    fillStep(row, step);
    return row;
  });
  container.replaceChildren(...rows);
  container.hidden = steps.length === 0;
}

function fillStep(row: HTMLElement, step: ToolStep): void {
  const summary = el('summary', 'tool-step-summary');
  summary.append(icon(step.status === 'running' ? 'loading' : step.status === 'error' ? 'error' : 'search'), titleNodes(step.title));
  if (step.resultCount !== undefined) summary.append(el('span', 'tool-step-count', ` · ${step.resultCount} result${step.resultCount === 1 ? '' : 's'}`));
  const children: Node[] = [summary];
  if (step.detail) children.push(el('pre', 'tool-step-detail', step.detail));
  row.replaceChildren(...children);
  // A step with nothing to show has nothing to expand.
  row.classList.toggle('no-detail', !step.detail);
}

/** The title as text, with `backticked` parts as inline code: built from DOM nodes, never HTML. */
export function titleNodes(title: string): HTMLElement {
  const span = el('span', 'tool-step-title');
  title.split(/(`[^`]+`)/).forEach((part) => {
    if (part.length > 2 && part.startsWith('`') && part.endsWith('`')) span.append(el('code', '', part.slice(1, -1)));
    else if (part) span.append(part);
  });
  return span;
}
