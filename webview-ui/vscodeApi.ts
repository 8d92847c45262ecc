import type { ExtensionToWebview, WebviewToExtension } from '../src/protocol/webview';

interface VsCodeApi {
  postMessage(message: WebviewToExtension): void;
  getState<T>(): T | undefined;
  setState<T>(state: T): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

/** The webview's only channel to the extension, typed by src/protocol/webview.ts. */
export const vscode: VsCodeApi = acquireVsCodeApi();

export function onExtensionMessage(handler: (msg: ExtensionToWebview) => void): void {
  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    const data = event.data as { type?: unknown } | null;
    if (data && typeof data.type === 'string') handler(data as ExtensionToWebview);
  });
}
