/**
 * What clicking a link in an answer does: links carry a checked target in data-* (see
 * markdown/sanitize.ts and fileReferences.ts) and never navigate; the extension opens the editor at
 * a workspace location or the browser for an http(s)/mailto URL.
 */
import type { WebviewToExtension } from '../../src/protocol/webview';

export function linkMessage(anchor: Element): WebviewToExtension | null {
  const a = anchor as HTMLElement;
  switch (a.dataset.kind) {
    case 'external':
      return a.dataset.url ? { type: 'openExternal', url: a.dataset.url } : null;
    case 'location': {
      const path = a.dataset.path;
      if (!path) return null;
      const line = Number(a.dataset.line);
      const column = Number(a.dataset.column);
      return {
        type: 'openLocation',
        path,
        ...(Number.isSafeInteger(line) && line >= 1 ? { line } : {}),
        ...(Number.isSafeInteger(column) && column >= 1 ? { column } : {}),
      };
    }
    default:
      return null;
  }
}
