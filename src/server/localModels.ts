/**
 * The server's built-in model pieces, shared by the models feature (which hands the host to the
 * ModelHub) and the local-models feature (downloads, the model list, the first-run offer): the models
 * folder in the extension's global storage, the catalogue (built-in, or the file a setting names),
 * the supervised model host, and the network settings downloads use (those of every model request).
 */
import { readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import type { BanyanSettings } from '../core/config/settings';
import type { EndpointConfig, ModelLayerConfig } from '../core/llm/config/roleConfig';
import type { NetworkSettings } from '../core/llm/network/proxy';
import { BUILTIN_CATALOGUE, type CatalogueEntry, catalogueFrom } from '../core/localModels/catalogue';
import { hostOptions } from '../core/localModels/hostOptions';
import { LocalModelStore } from '../core/localModels/localModelStore';
import { defaultModelsDir } from '../core/localModels/modelsDir';
import type { Logger } from '../core/logging/logger';
import { ModelHostSupervisor } from '../modelHost/modelHostSupervisor';
import type { ServerContext } from './serverContext';

export class ServerLocalModels {
  readonly store: LocalModelStore;
  readonly host: ModelHostSupervisor;
  private catalogueFile = '';
  private cached: { key: string; entries: readonly CatalogueEntry[]; error?: string } | undefined;
  private net: NetworkSettings = { strictSSL: true, noProxy: [], ca: [] };
  private config: ModelLayerConfig | undefined;
  private warmed = false;
  /** Lists an endpoint's models (the hub's; set by the models feature): the first-run probe. */
  listModels: ((e: EndpointConfig, signal: AbortSignal) => Promise<string[]>) | undefined;

  constructor(ctx: Pick<ServerContext, 'initOptions' | 'workspaceFolders' | 'trusted'>, private readonly logger: Logger) {
    const dir = ctx.initOptions.globalStorageDir ? path.join(ctx.initOptions.globalStorageDir, 'models') : defaultModelsDir();
    this.store = new LocalModelStore(dir, () => this.catalogue());
    this.host = new ModelHostSupervisor({ store: this.store, logger, baseDir: () => ctx.workspaceFolders()[0], untrustedFolders: () => (ctx.trusted() ? [] : ctx.workspaceFolders()) });
  }

  /** New settings: host options, catalogue file, network; the runtime is loaded once a role uses the built-in model. */
  apply(settings: BanyanSettings, config: ModelLayerConfig, net: NetworkSettings): void {
    this.catalogueFile = settings['models.embedded.catalogueFile'].trim();
    this.net = net;
    this.config = config;
    this.host.configure(hostOptions(settings));
    const embedded = Object.values(config.roles).some((chain) => chain.some((e) => e.provider === 'embedded'));
    if (embedded && !this.warmed) {
      this.warmed = true;
      this.host.warmUp();
    }
  }

  network(): NetworkSettings {
    return this.net;
  }

  modelConfig(): ModelLayerConfig | undefined {
    return this.config;
  }

  /** The catalogue file's problem, when it cannot be read (the built-in catalogue is used meanwhile). */
  catalogueProblem(): string | undefined {
    this.catalogue();
    return this.cached?.error;
  }

  catalogue(): readonly CatalogueEntry[] {
    const file = this.catalogueFile;
    let key = file;
    try {
      if (file) key = `${file} ${statSync(file).mtimeMs}`;
    } catch {
      // Missing: parsed below, which reports it.
    }
    if (this.cached?.key === key) return this.cached.entries;
    try {
      this.cached = { key, entries: catalogueFrom(file, (p) => readFileSync(p, 'utf8')) };
    } catch (err) {
      const error = `banyan.models.embedded.catalogueFile: ${err instanceof Error ? err.message : String(err)}`;
      this.logger.error(`${error}; using the built-in catalogue`);
      this.cached = { key, entries: BUILTIN_CATALOGUE, error };
    }
    return this.cached.entries;
  }

  dispose(): Promise<void> {
    return this.host.dispose();
  }
}

/** Published by the models feature for the local-models feature. */
export const serverLocalModels: { current: ServerLocalModels | undefined } = { current: undefined };
