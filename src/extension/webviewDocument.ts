import * as vscode from 'vscode';
import { makeNonce } from './nonce';

export interface WebviewDocument {
  readonly title: string;
  /** Style sheets under dist/, as path segments. */
  readonly styles: readonly (readonly string[])[];
  /** The bundle under dist/. */
  readonly script: string;
  /** The root element's marker attribute (tests find the view by it). */
  readonly rootAttribute: string;
}

/**
 * The HTML of a Banyan webview under the one strict CSP every view shares: nothing by default, images,
 * styles and fonts only from the extension, scripts only with this document's nonce (no inline code,
 * no eval).
 */
export function webviewDocument(webview: vscode.Webview, extensionUri: vscode.Uri, doc: WebviewDocument): string {
  const nonce = makeNonce();
  const asset = (...p: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', ...p)).toString();
  const csp = [
    "default-src 'none'",
    `img-src ${webview.cspSource} data:`,
    `style-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  const links = doc.styles.map((s) => `<link rel="stylesheet" href="${asset(...s)}">`).join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
${links}
<title>${doc.title}</title>
</head>
<body>
<div id="root" ${doc.rootAttribute}></div>
<script nonce="${nonce}" src="${asset(doc.script)}"></script>
</body>
</html>`;
}
