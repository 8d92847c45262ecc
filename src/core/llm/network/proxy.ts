/**
 * Network settings → an undici dispatcher per request URL: VS Code's `http.proxy` (else
 * HTTPS_PROXY/HTTP_PROXY), `http.proxyStrictSSL`, `http.noProxy` (else NO_PROXY), the trusted CAs,
 * and the role's connect timeout. Dispatchers are cached so connections are kept alive.
 */
import { Agent, type Dispatcher, ProxyAgent } from 'undici';
import { bypassesProxy, envNoProxy } from './noProxy';

export interface NetworkSettings {
  readonly proxy?: string;
  readonly strictSSL: boolean;
  readonly noProxy: readonly string[];
  readonly ca: readonly string[];
}

export function networkSettings(editor: { httpProxy?: string; httpProxyStrictSSL?: boolean; httpNoProxy?: readonly string[] }, ca: readonly string[], env: NodeJS.ProcessEnv = process.env): NetworkSettings {
  const proxy = editor.httpProxy || env.HTTPS_PROXY || env.https_proxy || env.HTTP_PROXY || env.http_proxy || undefined;
  return {
    ...(proxy ? { proxy } : {}),
    strictSSL: editor.httpProxyStrictSSL ?? true,
    noProxy: editor.httpNoProxy?.length ? editor.httpNoProxy : envNoProxy(env),
    ca,
  };
}

export class DispatcherPool {
  private readonly cache = new Map<string, Dispatcher>();

  constructor(private readonly net: NetworkSettings) {}

  /** Which proxy a URL goes through (undefined: direct). */
  proxyFor(url: string): string | undefined {
    return this.net.proxy && !bypassesProxy(new URL(url), this.net.noProxy) ? this.net.proxy : undefined;
  }

  dispatcherFor(url: string, connectTimeoutMs: number): Dispatcher {
    const proxy = this.proxyFor(url);
    const key = `${proxy ?? 'direct'} ${connectTimeoutMs}`;
    let d = this.cache.get(key);
    if (!d) {
      const tls = { ca: [...this.net.ca], rejectUnauthorized: this.net.strictSSL };
      d = proxy
        ? new ProxyAgent({ uri: proxy, requestTls: tls, proxyTls: tls, connect: { timeout: connectTimeoutMs } })
        : new Agent({ connect: { ...tls, timeout: connectTimeoutMs } });
      this.cache.set(key, d);
    }
    return d;
  }

  async close(): Promise<void> {
    const all = [...this.cache.values()];
    this.cache.clear();
    await Promise.all(all.map((d) => d.close().catch(() => undefined)));
  }
}
