import type { ServerStatus } from '../src/protocol/lsp';
import type { ClientState } from '../src/protocol/webview';
import { el, icon } from './dom';

/** Renders the server's live state; built with DOM APIs only (no innerHTML). */
export function renderStatus(root: HTMLElement, status: ServerStatus | null, clientState: ClientState): void {
  root.replaceChildren();
  const state = status?.state ?? (clientState === 'running' ? 'starting' : clientState);
  const row = el('div', 'status-row');
  row.append(icon(iconFor(state)), el('span', 'status-state', labelFor(state)));
  root.append(row);
  const dl = el('dl', 'status-details');
  const add = (k: string, v: string) => dl.append(el('dt', '', k), el('dd', '', v));
  add('Server', status ? `v${status.version}` : '—');
  add('Process', status ? String(status.pid) : '—');
  if (status?.indexing) add('Index', `${status.indexing.done}/${status.indexing.total} files${status.indexing.paused ? ' (paused)' : ''}`);
  if (status?.message) add('Detail', status.message);
  root.append(dl);
  root.dataset.state = state;
}

function iconFor(state: string): string {
  switch (state) {
    case 'ready':
      return 'pass';
    case 'indexing':
      return 'sync';
    case 'error':
    case 'failed':
      return 'error';
    case 'stopped':
      return 'circle-slash';
    default:
      return 'loading';
  }
}

function labelFor(state: string): string {
  switch (state) {
    case 'ready':
      return 'Ready';
    case 'indexing':
      return 'Indexing…';
    case 'error':
      return 'Error';
    case 'failed':
      return 'Server failed';
    case 'stopped':
      return 'Stopped';
    default:
      return 'Starting…';
  }
}
