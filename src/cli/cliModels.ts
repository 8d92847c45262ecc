/**
 * The model layer for the CLI: settings from the workspace's `.vscode/settings.json` (the same
 * `banyan.models.*` keys the extension uses), overridden by `--provider/--base-url/--model`; the key
 * from BANYAN_API_KEY (never from a flag, so it stays out of shell history); proxy from
 * HTTPS_PROXY/NO_PROXY. Logs go to stderr through the redacting logger, debug with --verbose.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { jsonrepair } from 'jsonrepair';
import { type BanyanSettings, resolveSettings } from '../core/config/settings';
import { catalogueFrom } from '../core/localModels/catalogue';
import { hostOptions } from '../core/localModels/hostOptions';
import { LocalModelStore } from '../core/localModels/localModelStore';
import { defaultModelsDir } from '../core/localModels/modelsDir';
import { ModelHostSupervisor } from '../modelHost/modelHostSupervisor';
import { describeError, type Logger } from '../core/logging/logger';
import { RedactingLogger } from '../core/logging/redactingLogger';
import { apiKeySecretId, resolveModelConfig } from '../core/llm/config/roleConfig';
import { ModelError } from '../core/llm/errors';
import { ModelHub } from '../core/llm/modelClient';
import { trustedCertificates } from '../core/llm/network/caCertificates';
import { networkSettings } from '../core/llm/network/proxy';
import { MODEL_ROLES, type ModelRole, PROVIDER_KINDS } from '../core/llm/types';
import { CliError, type CliIO } from './cliCommand';

export const MODEL_FLAGS = {
  provider: { type: 'string' },
  'base-url': { type: 'string' },
  model: { type: 'string' },
  workspace: { type: 'string' },
  verbose: { type: 'boolean' },
  json: { type: 'boolean' },
} as const;

export const MODEL_FLAGS_USAGE = '[--base-url URL --model NAME [--provider ollama|openai-compatible|llamacpp|anthropic] | --provider embedded --model ID|PATH.gguf] [--workspace DIR] [--verbose] [--json]   (key: BANYAN_API_KEY; built-in models: $BANYAN_MODELS_DIR)';

export interface ModelFlags {
  provider?: string | undefined;
  'base-url'?: string | undefined;
  model?: string | undefined;
  verbose?: boolean | undefined;
}

/** The `banyan.*` keys of .vscode/settings.json (JSON with comments), without the prefix. */
export function workspaceSettings(workspace: string): Record<string, unknown> {
  const file = path.join(workspace, '.vscode', 'settings.json');
  return existsSync(file) ? settingsFile(file, 'fix it or pass --base-url and --model') : {};
}

/** The `banyan.*` keys of a settings file in VS Code's format (JSON with comments), without the prefix. */
export function settingsFile(file: string, fix = 'fix it'): Record<string, unknown> {
  let raw: unknown;
  try {
    raw = JSON.parse(jsonrepair(readFileSync(file, 'utf8')));
  } catch (err) {
    throw new CliError(`${file} cannot be read as JSON (${describeError(err)}): ${fix}`);
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries((raw ?? {}) as Record<string, unknown>)) if (k.startsWith('banyan.')) out[k.slice('banyan.'.length)] = v;
  return out;
}

/**
 * The `banyan.*` settings a command runs with: the workspace's, then the model flags for `roles`, then
 * `overrides` (e.g. `banyan eval --compare SETTINGS.json`), keys without the `banyan.` prefix.
 */
export function cliRawSettings(workspace: string, flags: ModelFlags, roles: readonly ModelRole[], overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const raw = workspaceSettings(workspace);
  if (flags.provider !== undefined && !(PROVIDER_KINDS as readonly string[]).includes(flags.provider)) {
    throw new CliError(`--provider must be one of ${PROVIDER_KINDS.join(', ')}, got "${flags.provider}"`, 2);
  }
  if (flags['base-url'] !== undefined && !/^https?:\/\//.test(flags['base-url'])) throw new CliError(`--base-url must start with http:// or https://, got "${flags['base-url']}"`, 2);
  // A .gguf on the command line is the built-in model's, relative to the current directory.
  const gguf = flags.model !== undefined && /\.gguf$/i.test(flags.model);
  const model = gguf ? path.resolve(flags.model!) : flags.model;
  for (const role of roles) {
    // A base URL alone keeps the configured provider; the default (Ollama) is only right for Ollama URLs.
    if (flags['base-url']) raw[`models.${role}.baseUrl`] = flags['base-url'];
    if (model) raw[`models.${role}.model`] = model;
    if (flags.provider) raw[`models.${role}.provider`] = flags.provider;
    else if (gguf) raw[`models.${role}.provider`] = 'embedded';
    else if (flags['base-url'] && raw[`models.${role}.provider`] === undefined) raw[`models.${role}.provider`] = guessProvider(flags['base-url']);
  }
  return { ...raw, ...overrides };
}

export function cliHub(workspace: string, flags: ModelFlags, roles: readonly ModelRole[], io: CliIO, env: NodeJS.ProcessEnv = process.env, overrides: Record<string, unknown> = {}): ModelHub {
  const raw = cliRawSettings(workspace, flags, roles, overrides);
  const { settings, invalid } = resolveSettings(raw);
  const key = env.BANYAN_API_KEY;
  const secrets: Record<string, string> = {};
  if (key) for (const role of MODEL_ROLES) secrets[apiKeySecretId(role)] = key;
  const logger = new RedactingLogger(stderrLogger(io, Boolean(flags.verbose)));
  logger.setSecrets(Object.values(secrets));
  if (invalid.length) logger.warn(`ignoring invalid setting value(s): ${invalid.join(', ')}`);
  // The built-in model's host is forked only if a role uses it.
  const host = new ModelHostSupervisor({ store: cliModelStore(settings, env), logger, baseDir: () => workspace });
  host.configure(hostOptions(settings));
  const hub = new ModelHub({ logger, modelHost: host });
  let ca: string[];
  try {
    ca = trustedCertificates(settings['models.caFile']);
  } catch (err) {
    throw new CliError(describeError(err));
  }
  hub.configure(resolveModelConfig(settings, (id) => secrets[id]), networkSettings({}, ca, env));
  return hub;
}

/** The CLI's models folder ($BANYAN_MODELS_DIR or the platform's data folder) with the catalogue setting's models. */
export function cliModelStore(settings: BanyanSettings, env: NodeJS.ProcessEnv = process.env): LocalModelStore {
  const file = settings['models.embedded.catalogueFile'].trim();
  return new LocalModelStore(defaultModelsDir(env), () => {
    try {
      return catalogueFrom(file, (p) => readFileSync(p, 'utf8'));
    } catch (err) {
      throw new CliError(describeError(err), 2);
    }
  });
}

/** Ollama listens on 11434, llama.cpp on 8080 by default; everything else speaks OpenAI's API. */
function guessProvider(url: string): string {
  if (/:11434(\/|$)/.test(url)) return 'ollama';
  if (/anthropic\.com/.test(url)) return 'anthropic';
  return 'openai-compatible';
}

function stderrLogger(io: CliIO, verbose: boolean): Logger {
  return {
    error: (m) => io.stderr(`banyan: ${m}`),
    warn: (m) => io.stderr(`banyan: ${m}`),
    info: (m) => (verbose ? io.stderr(`banyan: ${m}`) : undefined),
    debug: (m) => (verbose ? io.stderr(`banyan: ${m}`) : undefined),
  };
}

/** A model failure as a CLI error: message plus the fix, exit code 1. */
export function cliModelError(err: unknown): CliError {
  if (err instanceof ModelError) return new CliError(err.describe(), 1);
  if (err instanceof CliError) return err;
  return new CliError(describeError(err), 1);
}

/** Cancels on Ctrl-C so the request's socket closes instead of the process dying mid-stream. */
export function interruptSignal(): { signal: AbortSignal; dispose(): void } {
  const c = new AbortController();
  const onInt = () => c.abort();
  process.once('SIGINT', onInt);
  return { signal: c.signal, dispose: () => process.off('SIGINT', onInt) };
}
