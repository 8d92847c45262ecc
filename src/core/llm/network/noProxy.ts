/**
 * Whether a URL bypasses the proxy, by VS Code's `http.noProxy` list (and NO_PROXY): host names,
 * `.suffix` / `*.suffix` domains, `host:port`, IPs, and `*` for everything. Loopback never uses a
 * proxy: a local Ollama must not be sent through a corporate proxy.
 */
export function bypassesProxy(url: URL, noProxy: readonly string[]): boolean {
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host === '::1' || /^127\./.test(host)) return true;
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  for (const raw of noProxy) {
    const entry = raw.trim().toLowerCase();
    if (!entry) continue;
    if (entry === '*') return true;
    const [pattern, entryPort] = entry.includes(':') && !entry.includes('::') ? (entry.split(':') as [string, string]) : [entry, undefined];
    if (entryPort && entryPort !== port) continue;
    const suffix = pattern.replace(/^\*?\./, '');
    if (host === suffix || host.endsWith(`.${suffix}`)) return true;
  }
  return false;
}

/** NO_PROXY / no_proxy as a list. */
export function envNoProxy(env: NodeJS.ProcessEnv = process.env): string[] {
  return (env.NO_PROXY ?? env.no_proxy ?? '').split(',').map((s) => s.trim()).filter(Boolean);
}
