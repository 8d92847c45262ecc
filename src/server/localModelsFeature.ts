/**
 * LSP glue for the built-in model's files: the model list with the catalogue and the hardware
 * recommendation (Download Model… / Manage Local Models), downloads with progress and cancel, removal,
 * and the state the first-run offer is decided on. The work is in core/localModels.
 */
import { ModelError } from '../core/llm/errors';
import type { HostHardware } from '../core/llm/embedded/hostProtocol';
import { createFetch } from '../core/llm/network/httpFetch';
import { DispatcherPool } from '../core/llm/network/proxy';
import { findEntry } from '../core/localModels/catalogue';
import { DownloadError, downloadModel } from '../core/localModels/downloadModel';
import { recommendModel } from '../core/localModels/recommendModel';
import type { ModelRole } from '../core/llm/types';
import { MODEL_ROLES } from '../core/llm/types';
import {
  type CatalogueModelInfo,
  DownloadModelRequest,
  DownloadProgressNotification,
  FirstRunStateRequest,
  LocalModelsRequest,
  RemoveLocalModelRequest,
} from '../protocol/lsp';
import { type ServerLocalModels, serverLocalModels } from './localModels';
import { onRequest, sendNotification } from './lspTyped';
import { abortSignal } from './modelsFeature';
import type { ServerFeature } from './serverContext';

/** How long the first-run probe waits for a configured endpoint to answer. */
const PROBE_MS = 3000;

export const localModelsFeature: ServerFeature = {
  name: 'localModels',
  register(ctx) {
    const local = () => {
      const l = serverLocalModels.current;
      if (!l) throw new Error('the model layer has not started yet');
      return l;
    };
    const subscriptions = [
      onRequest(ctx.connection, LocalModelsRequest, async () => {
        const l = local();
        const hw = await hardware(l);
        const config = l.modelConfig();
        const usedBy = (id: string, file: string) =>
          MODEL_ROLES.filter((r) => config?.roles[r][0]?.provider === 'embedded' && [id, file].includes(config.roles[r][0]!.model));
        const localList = l.store.list();
        const catalogue: CatalogueModelInfo[] = l.catalogue().map((e) => ({
          id: e.id, name: e.name, roles: e.roles, sizeBytes: e.sizeBytes, description: e.description,
          downloaded: localList.some((m) => m.id === e.id),
          recommendedFor: 'hw' in hw ? MODEL_ROLES.filter((r) => recommendModel(l.catalogue(), hw.hw, r)?.entry.id === e.id) : [],
        }));
        const problem = [l.catalogueProblem(), 'problem' in hw ? hw.problem : undefined].filter(Boolean).join('. ');
        return {
          modelsDir: l.store.dir,
          local: localList.map((m) => ({ id: m.id, name: m.name, path: m.path, sizeBytes: m.sizeBytes, usedBy: usedBy(m.id, m.path) })),
          catalogue,
          ...('hw' in hw ? { hardware: describeHardware(hw.hw) } : {}),
          ...(problem ? { runtimeProblem: problem } : {}),
        };
      }),

      onRequest(ctx.connection, DownloadModelRequest, async (p, token) => {
        const l = local();
        const entry = findEntry(l.catalogue(), p.id);
        if (!entry) throw new Error(`"${p.id}" is not in the model catalogue`);
        const pool = new DispatcherPool(l.network());
        try {
          ctx.logger.info(`downloading ${entry.name} from ${entry.url} into ${l.store.dir}`);
          const r = await downloadModel(entry, l.store.dir, {
            fetch: createFetch(pool, 15_000),
            signal: abortSignal(token),
            onProgress: (pr) => void sendNotification(ctx.connection, DownloadProgressNotification, { downloadId: p.downloadId, phase: pr.phase, receivedBytes: pr.receivedBytes, totalBytes: pr.totalBytes, bytesPerSecond: pr.bytesPerSecond }).catch(() => undefined),
          });
          ctx.logger.info(`${entry.name}: ${r.alreadyPresent ? 'already downloaded' : `downloaded and verified (${r.bytes} bytes${r.resumed ? ', resumed' : ''})`} at ${r.path}`);
          return { id: entry.id, ...r };
        } catch (err) {
          const message = err instanceof DownloadError ? err.describe() : String(err);
          if (!(err instanceof DownloadError && err.kind === 'cancelled')) ctx.logger.warn(`download of ${entry.name} failed: ${message}`);
          throw new Error(message);
        } finally {
          await pool.close();
        }
      }),

      onRequest(ctx.connection, RemoveLocalModelRequest, (p) => {
        const removed = local().store.remove(p.id);
        ctx.logger.info(`removed ${removed.join(', ') || `nothing for ${p.id}`}`);
        return { removed };
      }),

      onRequest(ctx.connection, FirstRunStateRequest, async () => {
        const l = local();
        const answers = await endpointAnswers(l);
        const localModels = l.store.list().length;
        if (answers || localModels > 0) return { endpointAnswers: answers, localModels };
        const hw = await hardware(l);
        if (!('hw' in hw)) return { endpointAnswers: false, localModels };
        const pick = recommendModel(l.catalogue(), hw.hw, 'chat');
        return { endpointAnswers: false, localModels, ...(pick ? { offer: { id: pick.entry.id, name: pick.entry.name, sizeBytes: pick.entry.sizeBytes } } : {}) };
      }),
    ];
    return { dispose: () => subscriptions.forEach((s) => s.dispose()) };
  },
};

/** RAM and GPU from the model host, or why the built-in model cannot run in this package. */
async function hardware(l: ServerLocalModels): Promise<{ hw: HostHardware } | { problem: string }> {
  // The universal package has no node-llama-cpp: say so without starting a host to find out.
  try {
    require.resolve('node-llama-cpp');
  } catch {
    return { problem: `this Banyan package has no built-in model runtime (it is the universal package, without native code). Install the Banyan package built for ${process.platform}-${process.arch}, or use a model server (Banyan: Configure Model)` };
  }
  try {
    for await (const ev of l.host.call({ op: 'hardware' }, AbortSignal.timeout(120_000))) {
      if (ev.type === 'result') return { hw: ev.value as HostHardware };
      if (ev.type === 'error') return { problem: ev.fix ? `${ev.message}. ${ev.fix}` : ev.message };
    }
  } catch (err) {
    return { problem: err instanceof ModelError ? err.describe() : String(err) };
  }
  return { problem: 'the model host did not answer' };
}

/** Whether the completion or chat model answers: a model list from a server, or a built-in model on disk. */
async function endpointAnswers(l: ServerLocalModels): Promise<boolean> {
  const config = l.modelConfig();
  if (!config) return false;
  const probes = (['completion', 'chat'] as ModelRole[]).map(async (role) => {
    const e = config.roles[role][0]!;
    if (e.provider === 'embedded') {
      try {
        l.store.resolve(e.model, role);
        return true;
      } catch {
        return false;
      }
    }
    try {
      await l.listModels?.(e, AbortSignal.timeout(PROBE_MS));
      return Boolean(l.listModels);
    } catch (err) {
      // A server that answers with an error (401, 404) is there: the offer is for machines with none.
      return err instanceof ModelError && !['refused', 'network', 'timeout', 'aborted', 'circuitOpen'].includes(err.kind);
    }
  });
  return (await Promise.all(probes)).some(Boolean);
}

function describeHardware(hw: HostHardware): string {
  const gb = (n: number) => `${Math.round(n / 1e9)} GB`;
  return `${gb(hw.totalRamBytes)} of memory, ${hw.cpuCores} CPU cores, ${hw.gpu ? `${hw.gpu} GPU with ${gb(hw.vramBytes)}` : 'no GPU'}`;
}
