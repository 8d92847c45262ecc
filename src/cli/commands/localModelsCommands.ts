/**
 * `banyan models pull|list --local|rm`: the built-in model's files from the command line, in
 * $BANYAN_MODELS_DIR (else the platform's data folder), from the catalogue (built-in, or
 * banyan.models.embedded.catalogueFile in the workspace's settings). Downloads resume and are verified
 * like the extension's, through HTTPS_PROXY/NO_PROXY and banyan.models.caFile.
 */
import { resolveSettings } from '../../core/config/settings';
import { describeError } from '../../core/logging/logger';
import { trustedCertificates } from '../../core/llm/network/caCertificates';
import { createFetch } from '../../core/llm/network/httpFetch';
import { DispatcherPool, networkSettings } from '../../core/llm/network/proxy';
import { findEntry, formatBytes } from '../../core/localModels/catalogue';
import { DownloadError, downloadModel } from '../../core/localModels/downloadModel';
import { CliError, type CliIO } from '../cliCommand';
import { cliModelStore, interruptSignal, workspaceSettings } from '../cliModels';

export async function pullModel(workspace: string, id: string | undefined, json: boolean, io: CliIO, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const settings = resolveSettings(workspaceSettings(workspace)).settings;
  const store = cliModelStore(settings, env);
  if (!id) throw new CliError(`models pull needs a model id: ${store.entries().map((e) => e.id).join(', ')}`, 2);
  const entry = findEntry(store.entries(), id);
  if (!entry) throw new CliError(`"${id}" is not in the catalogue; known ids: ${store.entries().map((e) => e.id).join(', ')}`, 2);
  let ca: string[];
  try {
    ca = trustedCertificates(settings['models.caFile']);
  } catch (err) {
    throw new CliError(describeError(err));
  }
  const pool = new DispatcherPool(networkSettings({}, ca, env));
  const interrupt = interruptSignal();
  let lastLine = 0;
  try {
    const r = await downloadModel(entry, store.dir, {
      fetch: createFetch(pool, 15_000),
      signal: interrupt.signal,
      progressIntervalMs: 1000,
      onProgress: (p) => {
        if (p.phase === 'verifying') return io.stderr(`banyan: verifying ${entry.file} (sha256)…`);
        if (Date.now() - lastLine < 1000) return;
        lastLine = Date.now();
        io.stderr(`banyan: ${entry.file} ${formatBytes(p.receivedBytes)} of ${formatBytes(p.totalBytes)} (${Math.floor((p.receivedBytes / p.totalBytes) * 100)} %)${p.bytesPerSecond ? `, ${formatBytes(p.bytesPerSecond)}/s` : ''}`);
      },
    });
    io.stdout(json ? JSON.stringify({ id: entry.id, ...r }) : `${entry.id}: ${r.alreadyPresent ? 'already downloaded' : r.resumed ? 'downloaded (resumed) and verified' : 'downloaded and verified'} at ${r.path}`);
    return 0;
  } catch (err) {
    throw new CliError(err instanceof DownloadError ? err.describe() : describeError(err), err instanceof DownloadError && err.kind === 'cancelled' ? 130 : 1);
  } finally {
    interrupt.dispose();
    await pool.close();
  }
}

export function listLocalModels(workspace: string, json: boolean, io: CliIO, env: NodeJS.ProcessEnv = process.env): number {
  const store = cliModelStore(resolveSettings(workspaceSettings(workspace)).settings, env);
  const local = store.list();
  if (json) {
    io.stdout(JSON.stringify({ modelsDir: store.dir, local: local.map((m) => ({ id: m.id, name: m.name, path: m.path, sizeBytes: m.sizeBytes })), available: store.entries().filter((e) => !local.some((m) => m.id === e.id)).map((e) => ({ id: e.id, name: e.name, roles: e.roles, sizeBytes: e.sizeBytes })) }, null, 2));
    return 0;
  }
  const lines = [`models folder: ${store.dir}`, ...(local.length ? local.map((m) => `  ${m.id.padEnd(40)} ${formatBytes(m.sizeBytes).padStart(8)}  ${m.path}`) : ['  (none downloaded: banyan models pull ID)'])];
  const available = store.entries().filter((e) => !local.some((m) => m.id === e.id));
  if (available.length) lines.push('available:', ...available.map((e) => `  ${e.id.padEnd(40)} ${formatBytes(e.sizeBytes).padStart(8)}  ${e.roles.join(', ')}`));
  io.stdout(lines.join('\n'));
  return 0;
}

export function removeLocalModel(workspace: string, id: string | undefined, io: CliIO, env: NodeJS.ProcessEnv = process.env): number {
  if (!id) throw new CliError('models rm needs a model id (see banyan models list --local)', 2);
  const removed = cliModelStore(resolveSettings(workspaceSettings(workspace)).settings, env).remove(id);
  if (!removed.length) throw new CliError(`no downloaded model "${id}" (see banyan models list --local)`);
  io.stdout(removed.map((f) => `removed ${f}`).join('\n'));
  return 0;
}
