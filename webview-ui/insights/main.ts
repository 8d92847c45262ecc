/** Insights view entry point (dist/insights.js): the panel, wired to the extension's typed messages. */
import type { InsightsExtensionToWebview, InsightsWebviewToExtension } from '../../src/protocol/insightsWebview';
import { InsightsApp, type PersistedView } from './insightsApp';

interface VsCodeApi {
  postMessage(message: InsightsWebviewToExtension): void;
  getState(): PersistedView | undefined;
  setState(state: PersistedView): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

function main(): void {
  const root = document.getElementById('root');
  if (!root) return;
  const vscode = acquireVsCodeApi();
  const app = new InsightsApp({
    post: (m) => vscode.postMessage(m),
    getState: () => vscode.getState(),
    setState: (s) => vscode.setState(s),
    timezoneOffsetMin: () => new Date().getTimezoneOffset(),
  });
  root.append(app.element);
  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    const data = event.data as { type?: unknown } | null;
    if (data && typeof data.type === 'string' && data.type.startsWith('insights/')) app.handle(data as InsightsExtensionToWebview);
  });
  // VS Code swaps the body's theme class: redraw the canvases with the new colours.
  new MutationObserver(() => app.restyle()).observe(document.body, { attributes: true, attributeFilter: ['class'] });
  // A content-security violation would be a bug; count them where the e2e test can read them.
  document.addEventListener('securitypolicyviolation', () => {
    root.dataset.cspViolations = String(Number(root.dataset.cspViolations ?? '0') + 1);
  });
  vscode.postMessage({ type: 'insights/ready' });
  app.query();
}

main();
