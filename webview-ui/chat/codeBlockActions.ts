/**
 * The Copy / Insert at cursor / Apply to file toolbar of each code block in an answer, and the typed
 * message each button posts. Buttons carry only an action name; the code is read from the block when
 * clicked, so nothing is duplicated in the DOM.
 */
import type { WebviewToExtension } from '../../src/protocol/webview';
import { el, iconButton } from '../dom';

export type CodeAction = 'copy' | 'insert' | 'apply';

export function decorateCodeBlocks(root: ParentNode): void {
  for (const pre of Array.from(root.querySelectorAll('pre'))) {
    const code = pre.querySelector('code');
    if (!code || pre.parentElement?.classList.contains('code-block')) continue;
    const language = code.getAttribute('data-lang');
    const path = code.getAttribute('data-path');
    const block = el('div', 'code-block');
    const toolbar = el('div', 'code-toolbar');
    toolbar.setAttribute('role', 'toolbar');
    toolbar.setAttribute('aria-label', `Code block${path ? ` for ${path}` : language ? ` (${language})` : ''}`);
    const label = el('span', 'code-label', path ?? language ?? 'code');
    const copy = iconButton('copy', 'Copy code', 'Copy');
    const insert = iconButton('insert', 'Insert code at cursor', 'Insert');
    const apply = iconButton('git-pull-request-go-to-changes', path ? `Apply to ${path}` : 'Apply to file', 'Apply');
    copy.dataset.codeAction = 'copy';
    insert.dataset.codeAction = 'insert';
    apply.dataset.codeAction = 'apply';
    toolbar.append(label, copy, insert, apply);
    pre.replaceWith(block);
    block.append(toolbar, pre);
  }
}

/** The message a code block button posts, or null when `button` is not one. */
export function codeBlockMessage(button: Element, messageId: string): WebviewToExtension | null {
  const action = (button as HTMLElement).dataset?.codeAction as CodeAction | undefined;
  const code = button.closest('.code-block')?.querySelector('pre code');
  if (!action || !code) return null;
  const text = code.textContent ?? '';
  const language = code.getAttribute('data-lang');
  switch (action) {
    case 'copy':
      return { type: 'codeblock/copy', code: text };
    case 'insert':
      return { type: 'codeblock/insert', code: text, language };
    case 'apply':
      return { type: 'codeblock/apply', code: text, language, path: code.getAttribute('data-path'), messageId };
    default:
      return null;
  }
}
