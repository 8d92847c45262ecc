/**
 * Every message between the chat webview and the extension, declared once. Both sides switch on
 * `type`; adding a message means adding it to one of the unions below.
 */
import type { ServerStatus } from './lsp';

/** Webview → extension. */
export type WebviewToExtension =
  | { readonly type: 'ready' }
  | { readonly type: 'requestStatus' }
  | { readonly type: 'runCommand'; readonly command: WebviewCommand };

/** Commands the webview may ask the extension to run; an allow-list, never a free-form command id. */
export type WebviewCommand = 'showLogs' | 'restartServer';

/** Extension → webview. */
export type ExtensionToWebview =
  | { readonly type: 'status'; readonly status: ServerStatus | null; readonly clientState: ClientState }
  | { readonly type: 'error'; readonly message: string };

export type ClientState = 'starting' | 'running' | 'stopped' | 'failed';

export function isWebviewToExtension(value: unknown): value is WebviewToExtension {
  if (typeof value !== 'object' || value === null) return false;
  const msg = value as { type?: unknown; command?: unknown };
  switch (msg.type) {
    case 'ready':
    case 'requestStatus':
      return true;
    case 'runCommand':
      return msg.command === 'showLogs' || msg.command === 'restartServer';
    default:
      return false;
  }
}
