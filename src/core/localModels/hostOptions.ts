import type { BanyanSettings } from '../config/settings';
import type { HostOptions } from '../llm/embedded/hostProtocol';

/** The model host's options from `banyan.models.embedded.*`. */
export function hostOptions(settings: BanyanSettings): HostOptions {
  return {
    threads: settings['models.embedded.threads'],
    contextSize: settings['models.embedded.contextSize'],
    gpu: settings['models.embedded.gpu'],
    idleUnloadMs: settings['models.embedded.idleUnloadMinutes'] * 60_000,
  };
}
