import type { LanguageClient } from 'vscode-languageclient/node';
import type { NotificationDef, RequestDef } from '../protocol/typed';

/** Typed calls against the declarations in src/protocol. */
export function sendRequest<P, R>(client: LanguageClient, def: RequestDef<P, R>, params: P, token?: import('vscode').CancellationToken): Promise<R> {
  return (token ? client.sendRequest(def.method, params, token) : client.sendRequest(def.method, params)) as Promise<R>;
}

export function sendNotification<P>(client: LanguageClient, def: NotificationDef<P>, params: P): Promise<void> {
  return client.sendNotification(def.method, params);
}

export function onNotification<P>(client: LanguageClient, def: NotificationDef<P>, handler: (params: P) => void): { dispose(): void } {
  return client.onNotification(def.method, handler);
}
