/**
 * Phantom-typed descriptors for protocol messages. The method name is the only runtime value that
 * matters; the params/result types ride along so callers on both sides are checked against one
 * declaration, and the direction is part of the type so the typed helpers of each side
 * (src/server/lspTyped.ts, src/extension/typedClient.ts) refuse at compile time to send a message
 * the wrong way or to handle one on the wrong side.
 * Plain objects (not vscode-jsonrpc's RequestType) so the webview and the CLI can import them too.
 */

/** Who sends the message: the client (the extension, any LSP client) or the server. */
export type Direction = 'clientToServer' | 'serverToClient';

export interface RequestDef<P, R, D extends Direction = Direction> {
  readonly kind: 'request';
  readonly method: string;
  readonly direction: D;
  /** Never set; carries the types. */
  readonly __types?: { params: P; result: R };
}

export interface NotificationDef<P, D extends Direction = Direction> {
  readonly kind: 'notification';
  readonly method: string;
  readonly direction: D;
  readonly __types?: { params: P };
}

/** Messages the client sends and the server handles. */
export const toServer = {
  request: <P, R>(method: string): RequestDef<P, R, 'clientToServer'> => ({ kind: 'request', method, direction: 'clientToServer' }),
  notification: <P>(method: string): NotificationDef<P, 'clientToServer'> => ({ kind: 'notification', method, direction: 'clientToServer' }),
};

/** Messages the server sends and the client handles. */
export const toClient = {
  request: <P, R>(method: string): RequestDef<P, R, 'serverToClient'> => ({ kind: 'request', method, direction: 'serverToClient' }),
  notification: <P>(method: string): NotificationDef<P, 'serverToClient'> => ({ kind: 'notification', method, direction: 'serverToClient' }),
};
