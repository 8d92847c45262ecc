import type { CancellationToken, Connection, RequestHandler } from 'vscode-languageserver/node';
import type { NotificationDef, RequestDef } from '../protocol/typed';

/**
 * Typed wrappers so server code registers handlers and sends messages against the declarations in
 * src/protocol. The server handles only client → server messages and sends only server → client ones;
 * the declaration's direction makes the other way a compile error.
 */
export function onRequest<P, R>(
  connection: Connection,
  def: RequestDef<P, R, 'clientToServer'>,
  handler: (params: P, token: CancellationToken) => R | Promise<R>,
): { dispose(): void } {
  // vscode-jsonrpc's conditional result type cannot be satisfied generically; the def carries the real type.
  const h = ((params: P, token: CancellationToken) => handler(params, token)) as unknown as RequestHandler<P, unknown, void>;
  return connection.onRequest(def.method, h);
}

export function onNotification<P>(connection: Connection, def: NotificationDef<P, 'clientToServer'>, handler: (params: P) => void): { dispose(): void } {
  return connection.onNotification(def.method, (params: P) => handler(params));
}

export function sendNotification<P>(connection: Connection, def: NotificationDef<P, 'serverToClient'>, params: P): Promise<void> {
  return connection.sendNotification(def.method, params);
}

export function sendRequest<P, R>(connection: Connection, def: RequestDef<P, R, 'serverToClient'>, params: P, token?: CancellationToken): Promise<R> {
  return (token ? connection.sendRequest(def.method, params, token) : connection.sendRequest(def.method, params)) as Promise<R>;
}
