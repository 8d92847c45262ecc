/**
 * LSP glue for the model layer: builds the ModelHub from settings + keys + VS Code's network
 * settings (rebuilt in place on every change, no restart), publishes it for the other features
 * (`serverModels.client()`), reports endpoint health to the status bar, and answers
 * banyan/models/test, /list and /metrics.
 */
import type { CancellationToken } from 'vscode-languageserver/node';
import { ModelHandle } from '../core/llm/modelHandle';
import { ModelHub } from '../core/llm/modelClient';
import { type EndpointConfig, endpointKey, normalizeBaseUrl, resolveModelConfig } from '../core/llm/config/roleConfig';
import { trustedCertificates } from '../core/llm/network/caCertificates';
import { networkSettings } from '../core/llm/network/proxy';
import { MODEL_ROLES, PROVIDER_KINDS, type ProviderKind } from '../core/llm/types';
import { ModelError } from '../core/llm/errors';
import { ListModelsRequest, ModelMetricsRequest, TestModelsRequest } from '../protocol/lsp';
import { ServerLocalModels, serverLocalModels } from './localModels';
import { serverInsights } from './insightsFeature';
import { onRequest } from './lspTyped';
import type { ServerContext, ServerFeature } from './serverContext';

/** The server's model client; completion, chat, edit and agent features read it here. */
export const serverModels = new ModelHandle();

export const modelsFeature: ServerFeature = {
  name: 'models',
  register(ctx) {
    // The built-in model's host runs beside the server; the hub owns it (and stops it with itself).
    const local = new ServerLocalModels(ctx, ctx.logger);
    serverLocalModels.current = local;
    const hub = new ModelHub({ logger: ctx.logger, modelHost: local.host });
    local.listModels = (e, signal) => hub.listModels(e, signal);
    let primaries = new Map<string, string>();

    const apply = () => {
      const settings = ctx.settings();
      let ca: string[];
      try {
        ca = trustedCertificates(settings['models.caFile']);
      } catch (err) {
        ctx.logger.error('Ignoring banyan.models.caFile', err);
        ca = trustedCertificates('');
      }
      const config = resolveModelConfig(settings, (id) => ctx.secret(id));
      const net = networkSettings(ctx.editorSettings(), ca);
      hub.configure(config, net);
      local.apply(settings, config, net);
      // A role pointed elsewhere: its old health no longer says anything.
      const next = new Map(MODEL_ROLES.map((r) => [r, endpointKey(config.roles[r][0]!)]));
      for (const r of MODEL_ROLES) {
        if (primaries.get(r) === next.get(r)) continue;
        if (config.roles[r][0]!.inheritedFrom) {
          ctx.status.clearEndpointHealth(r); // shown under the role it runs on
          continue;
        }
        ctx.status.clearEndpointHealth(r);
        const e = config.roles[r][0]!;
        ctx.status.setEndpointHealth({ role: r, endpoint: `${e.baseUrl} (${e.model})`, state: 'unknown' });
        // Which endpoint answers each role, in the log when it changes (and the e2e tests wait for it).
        ctx.logger.info(`Model for ${r}: ${e.model} at ${e.baseUrl}`);
      }
      primaries = next;
    };
    apply();
    const offHealth = hub.onHealth((h) => ctx.status.setEndpointHealth(h));
    const offUsage = hub.onUsage((u) => serverInsights.usage(u));
    serverModels.publish(hub);

    const subscriptions = [
      ctx.onSettingsChanged(apply),
      ctx.onSecretsChanged(apply),
      onRequest(ctx.connection, TestModelsRequest, async (p, token) => {
        const reports = await hub.test(p?.roles, abortSignal(token));
        for (const r of reports) {
          const failed = r.checks.filter((c) => !c.ok);
          if (failed.length) ctx.logger.warn(`Model test for ${r.role} failed: ${failed.map((c) => `${c.name}: ${c.detail}`).join('; ')}`);
          // The test is a real request: let the status bar know what it found.
          const unreachable = failed.find((c) => c.name === 'reachable');
          ctx.status.setEndpointHealth({ role: r.role, endpoint: `${r.endpoint} (${r.model})`, state: unreachable ? 'down' : 'up', ...(unreachable ? { message: unreachable.fix ? `${unreachable.detail}. ${unreachable.fix}` : unreachable.detail } : {}) });
        }
        return reports;
      }),
      onRequest(ctx.connection, ListModelsRequest, (p, token) =>
        // The LSP error carries only a message: put the fix into it.
        hub.listModels(listTarget(ctx, hub.endpoints('chat')[0]!, p), abortSignal(token)).catch((err: unknown) => {
          throw new Error(err instanceof ModelError ? err.describe() : String(err));
        }),
      ),
      onRequest(ctx.connection, ModelMetricsRequest, () => hub.metrics()),
    ];
    return {
      dispose: async () => {
        offHealth();
        offUsage();
        for (const s of subscriptions) s.dispose();
        serverModels.publish(undefined);
        serverLocalModels.current = undefined;
        await hub.dispose();
      },
    };
  },
};

/** An ad-hoc endpoint for listing models while the user configures one (short timeouts, no retries). */
function listTarget(ctx: ServerContext, template: EndpointConfig, p: { baseUrl: string; provider: string; secretId?: string; apiKey?: string }): EndpointConfig {
  if (!(PROVIDER_KINDS as readonly string[]).includes(p.provider)) {
    throw new ModelError('config', `unknown provider "${p.provider}"`, { fix: `Use one of ${PROVIDER_KINDS.join(', ')}` });
  }
  const secretId = p.secretId ?? template.secretId;
  return {
    ...template,
    provider: p.provider as ProviderKind,
    baseUrl: normalizeBaseUrl(p.baseUrl),
    apiKey: p.apiKey ?? ctx.secret(secretId),
    secretId,
    extraHeaders: {},
    timeouts: { connectMs: 5000, firstTokenMs: 15_000, totalMs: 15_000 },
  };
}

export function abortSignal(token: CancellationToken): AbortSignal {
  const c = new AbortController();
  if (token.isCancellationRequested) c.abort();
  else token.onCancellationRequested(() => c.abort());
  return c.signal;
}
