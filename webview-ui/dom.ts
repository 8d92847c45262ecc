/** Small DOM builders: the webview builds its UI with DOM APIs only (no innerHTML of strings). */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, className = '', text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

export function icon(name: string): HTMLElement {
  const i = el('i', `codicon codicon-${name}${name === 'loading' || name === 'sync' ? ' codicon-modifier-spin' : ''}`);
  i.setAttribute('aria-hidden', 'true');
  return i;
}

/** A button with a codicon, a visible label (optional) and an accessible name. */
export function iconButton(iconName: string, ariaLabel: string, text?: string, className = 'icon-button'): HTMLButtonElement {
  const b = el('button', className);
  b.type = 'button';
  b.setAttribute('aria-label', ariaLabel);
  b.title = ariaLabel;
  b.append(icon(iconName));
  if (text) b.append(el('span', '', text));
  return b;
}
