/**
 * The built-in model path as the server runs it, for tests: a ModelHub whose roles use provider
 * `embedded`, a real model host process (forked from source under tsx) supervised the way the server
 * supervises it, and the tiny GGUF. One thread and a small context: the tiny model is quick, and a
 * busy 2-core machine makes ggml's spinning threads very slow.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { resolveSettings } from '@src/core/config/settings';
import { resolveModelConfig } from '@src/core/llm/config/roleConfig';
import { ModelHub } from '@src/core/llm/modelClient';
import { networkSettings } from '@src/core/llm/network/proxy';
import type { ModelRole } from '@src/core/llm/types';
import { BUILTIN_CATALOGUE } from '@src/core/localModels/catalogue';
import { LocalModelStore } from '@src/core/localModels/localModelStore';
import type { Logger } from '@src/core/logging/logger';
import { ModelHostSupervisor } from '@src/modelHost/modelHostSupervisor';

/** Cold starts on a loaded CI machine (runtime import + model load) take tens of seconds. */
export const PATIENT = { firstTokenTimeoutMs: 600_000, totalTimeoutMs: 600_000 };

export interface Harness {
  readonly hub: ModelHub;
  readonly host: ModelHostSupervisor;
  readonly logs: string[];
  /** Points every role at `model` (a path or id) with greedy decoding. */
  use(model: string, extra?: Record<string, unknown>): void;
  dispose(): Promise<void>;
}

export function embeddedHarness(modelsDir = mkdtempSync(path.join(tmpdir(), 'banyan-models-'))): Harness {
  const logs: string[] = [];
  const logger: Logger = {
    error: (m) => logs.push(`error ${m}`), warn: (m) => logs.push(`warn ${m}`),
    info: (m) => logs.push(`info ${m}`), debug: (m) => logs.push(`debug ${m}`),
  };
  const host = new ModelHostSupervisor({ store: new LocalModelStore(modelsDir, () => BUILTIN_CATALOGUE), logger });
  host.configure({ threads: 1, contextSize: 2048, gpu: 'off', idleUnloadMs: 0 });
  const hub = new ModelHub({ modelHost: host, logger });
  const harness: Harness = {
    hub, host, logs,
    use(model, extra = {}) {
      const roles: Record<string, unknown> = {};
      for (const r of ['completion', 'chat', 'edit', 'agent', 'embeddings'] as ModelRole[]) roles[r] = { provider: 'embedded', model, temperature: 0, ...PATIENT, ...extra };
      const { settings } = resolveSettings({ models: { ...roles, embedded: { contextSize: 2048 } } });
      hub.configure(resolveModelConfig(settings, () => undefined), networkSettings({}, []));
    },
    dispose: () => hub.dispose(),
  };
  return harness;
}
