import type { CancellationToken, Connection, RequestHandler } from 'vscode-languageserver/node';
import type { NotificationDef, RequestDef } from '../protocol/typed';

/** Typed wrappers so server code registers handlers against the declarations in src/protocol. */
export function onRequest<P, R>(
  connection: Connection,
  def: RequestDef<P, R>,
  handler: (params: P, token: CancellationToken) => R | Promise<R>,
): { dispose(): void } {
  // vscode-jsonrpc's conditional result type cannot be satisfied generically; the def carries the real type.
  const h = ((params: P, token: CancellationToken) => handler(params, token)) as unknown as RequestHandler<P, unknown, void>;
  return connection.onRequest(def.method, h);
}

export function onNotification<P>(connection: Connection, def: NotificationDef<P>, handler: (params: P) => void): { dispose(): void } {
  return connection.onNotification(def.method, (params: P) => handler(params));
}

export function sendNotification<P>(connection: Connection, def: NotificationDef<P>, params: P): Promise<void> {
  return connection.sendNotification(def.method, params);
}

export function sendRequest<P, R>(connection: Connection, def: RequestDef<P, R>, params: P): Promise<R> {
  return connection.sendRequest(def.method, params) as Promise<R>;
}
