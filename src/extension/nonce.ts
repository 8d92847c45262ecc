import { randomBytes } from 'node:crypto';

/** A fresh CSP nonce for each webview document. */
export function makeNonce(): string {
  return randomBytes(18).toString('base64');
}
