/**
 * Chat view entry point. Until the chat issue lands this shows the server's live state; the plumbing
 * (typed messages, CSP, theme) is what the chat UI builds on.
 */
import { el, icon, renderStatus } from './statusPanel';
import { onExtensionMessage, vscode } from './vscodeApi';

function main(): void {
  const root = document.getElementById('root');
  if (!root) return;
  const header = el('header', 'banyan-header');
  header.append(el('h2', '', 'Banyan'));
  const status = el('section', 'status');
  status.setAttribute('aria-live', 'polite');
  status.setAttribute('data-testid', 'server-status');
  const actions = el('div', 'actions');
  actions.append(
    button('output', 'Show Logs', () => vscode.postMessage({ type: 'runCommand', command: 'showLogs' })),
    button('debug-restart', 'Restart Server', () => vscode.postMessage({ type: 'runCommand', command: 'restartServer' })),
  );
  root.append(header, status, actions);
  renderStatus(status, null, 'starting');

  onExtensionMessage((msg) => {
    switch (msg.type) {
      case 'status':
        renderStatus(status, msg.status, msg.clientState);
        break;
      case 'error':
        status.append(el('p', 'error', msg.message));
        break;
    }
  });
  vscode.postMessage({ type: 'ready' });
}

function button(iconName: string, label: string, onClick: () => void): HTMLButtonElement {
  const b = el('button', 'secondary');
  b.type = 'button';
  b.append(icon(iconName), el('span', '', label));
  b.addEventListener('click', onClick);
  return b;
}

main();
