/** The Chat | Agent switch at the top of the panel: shows one pane, hides the other. */
import { el, icon } from '../dom';

export type PanelMode = 'chat' | 'agent';

export function createModeToggle(panes: Record<PanelMode, HTMLElement>, onChange: (mode: PanelMode) => void = () => undefined): { element: HTMLElement; set(mode: PanelMode): void } {
  const element = el('div', 'mode-toggle');
  element.setAttribute('role', 'group');
  element.setAttribute('aria-label', 'Panel mode');
  element.setAttribute('data-testid', 'mode-toggle');
  const buttons = (['chat', 'agent'] as const).map((mode) => {
    const b = el('button', 'mode-button secondary small');
    b.type = 'button';
    b.dataset.mode = mode;
    b.setAttribute('data-testid', `mode-${mode}`);
    b.append(icon(mode === 'chat' ? 'comment-discussion' : 'tools'), el('span', '', mode === 'chat' ? 'Chat' : 'Agent'));
    b.addEventListener('click', () => set(mode));
    return b;
  });
  element.append(...buttons);
  const set = (mode: PanelMode) => {
    for (const b of buttons) b.setAttribute('aria-pressed', String(b.dataset.mode === mode));
    panes.chat.hidden = mode !== 'chat';
    panes.agent.hidden = mode !== 'agent';
    onChange(mode);
  };
  set('chat');
  return { element, set };
}
