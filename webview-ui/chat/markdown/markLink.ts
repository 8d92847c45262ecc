import type { LinkTarget } from './linkTarget';

/** Makes `a` an in-webview link: focusable, announced as a link, its target in data-* for the click handler. */
export function markLink(a: Element, target: LinkTarget): void {
  a.setAttribute('role', 'link');
  a.setAttribute('tabindex', '0');
  a.setAttribute('data-kind', target.kind);
  if (target.kind === 'external') {
    a.setAttribute('data-url', target.url);
    if (!a.getAttribute('title')) a.setAttribute('title', target.url);
    return;
  }
  a.setAttribute('data-path', target.path);
  if (target.line) a.setAttribute('data-line', String(target.line));
  if (target.column) a.setAttribute('data-column', String(target.column));
  if (!a.getAttribute('title')) a.setAttribute('title', `Open ${target.path}${target.line ? `:${target.line}` : ''}`);
}
