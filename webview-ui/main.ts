/**
 * Chat view entry point: the chat panel above a compact server-status footer (state, version, PID,
 * Show Logs, Restart Server), wired to the extension through the typed postMessage channel.
 */
import { AgentPane } from './agent/agentPane';
import { createModeToggle } from './agent/modeToggle';
import { ChatApp } from './chat/chatApp';
import { DEFAULT_TIMERS } from './chat/mentionController';
import { el, iconButton } from './dom';
import { renderStatus } from './statusPanel';
import { onExtensionMessage, vscode } from './vscodeApi';

function main(): void {
  const root = document.getElementById('root');
  if (!root) return;
  const chat = new ChatApp({
    post: (m) => vscode.postMessage(m),
    getState: () => vscode.getState(),
    setState: (s) => vscode.setState(s),
    schedule: (cb) => requestAnimationFrame(() => cb()),
    timers: DEFAULT_TIMERS,
    now: () => Date.now(),
  });

  const footer = el('footer', 'server-footer');
  const status = el('section', 'status');
  status.setAttribute('data-testid', 'server-status');
  status.setAttribute('aria-label', 'Banyan server');
  status.setAttribute('aria-live', 'polite');
  const logs = iconButton('output', 'Show Logs', 'Show Logs', 'secondary small');
  logs.addEventListener('click', () => vscode.postMessage({ type: 'runCommand', command: 'showLogs' }));
  const restart = iconButton('debug-restart', 'Restart Server', 'Restart Server', 'secondary small');
  restart.addEventListener('click', () => vscode.postMessage({ type: 'runCommand', command: 'restartServer' }));
  const actions = el('div', 'actions');
  actions.append(logs, restart);
  footer.append(status, actions);
  const agent = new AgentPane((m) => vscode.postMessage(m));
  const mode = createModeToggle({ chat: chat.element, agent: agent.element });
  agent.onNeedsAttention = () => mode.set('agent');
  root.append(mode.element, chat.element, agent.element, footer);
  renderStatus(status, null, 'starting');

  onExtensionMessage((msg) => {
    switch (msg.type) {
      case 'status':
        renderStatus(status, msg.status, msg.clientState);
        return;
      case 'error':
        status.append(el('p', 'error', msg.message));
        return;
      case 'agent/state':
        agent.handle(msg);
        return;
      default:
        chat.handle(msg);
    }
  });
  // The extension answers with the server status and the full chat state (also after a reload mid-stream).
  vscode.postMessage({ type: 'ready' });
}

main();
