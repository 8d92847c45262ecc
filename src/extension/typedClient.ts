import type { CancellationToken } from 'vscode';
import type { GenericRequestHandler, LanguageClient } from 'vscode-languageclient/node';
import type { NotificationDef, RequestDef } from '../protocol/typed';

/**
 * Typed calls against the declarations in src/protocol. The extension sends only client → server
 * messages and handles only server → client ones; the declaration's direction makes the other way a
 * compile error.
 */
export function sendRequest<P, R>(client: LanguageClient, def: RequestDef<P, R, 'clientToServer'>, params: P, token?: CancellationToken): Promise<R> {
  return (token ? client.sendRequest(def.method, params, token) : client.sendRequest(def.method, params)) as Promise<R>;
}

export function sendNotification<P>(client: LanguageClient, def: NotificationDef<P, 'clientToServer'>, params: P): Promise<void> {
  return client.sendNotification(def.method, params);
}

export function onNotification<P>(client: LanguageClient, def: NotificationDef<P, 'serverToClient'>, handler: (params: P) => void): { dispose(): void } {
  return client.onNotification(def.method, handler);
}

export function onRequest<P, R>(
  client: LanguageClient,
  def: RequestDef<P, R, 'serverToClient'>,
  handler: (params: P, token: CancellationToken) => R | Promise<R>,
): { dispose(): void } {
  // vscode-jsonrpc's conditional result type cannot be satisfied generically; the def carries the real type.
  const h = ((params: P, token: CancellationToken) => handler(params, token)) as unknown as GenericRequestHandler<R, unknown>;
  return client.onRequest(def.method, h);
}
