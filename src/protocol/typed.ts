/**
 * Phantom-typed descriptors for protocol messages. The method name is the only runtime value;
 * the params/result types ride along so callers on both sides are checked against one declaration.
 * Plain objects (not vscode-jsonrpc's RequestType) so the webview and the CLI can import them too.
 */
export interface RequestDef<P, R> {
  readonly kind: 'request';
  readonly method: string;
  /** Never set; carries the types. */
  readonly __types?: { params: P; result: R };
}

export interface NotificationDef<P> {
  readonly kind: 'notification';
  readonly method: string;
  readonly __types?: { params: P };
}

export function request<P, R>(method: string): RequestDef<P, R> {
  return { kind: 'request', method };
}

export function notification<P>(method: string): NotificationDef<P> {
  return { kind: 'notification', method };
}

export type ParamsOf<T> = T extends RequestDef<infer P, unknown> ? P : T extends NotificationDef<infer P> ? P : never;
export type ResultOf<T> = T extends RequestDef<unknown, infer R> ? R : never;
