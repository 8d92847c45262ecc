import type { BanyanSettings } from '../../config/settings';
import type { EndpointConfig } from './roleConfig';

/** The built-in model has no URL and no key; its window is the host's context size unless the role sets one. */
export const EMBEDDED_BASE_URL = 'embedded';

/**
 * The first request after a start waits for the host to load llama.cpp and the model (seconds for a
 * large file, more on a busy machine); later first tokens come in milliseconds, and a host that dies
 * fails the request at once, so a long first-token deadline costs nothing when all is well.
 */
const COLD_START_MS = 120_000;

export function embeddedEndpoint(e: EndpointConfig, settings: BanyanSettings): EndpointConfig {
  const contextSize = settings['models.embedded.contextSize'];
  return {
    ...e,
    baseUrl: EMBEDDED_BASE_URL,
    apiKey: undefined,
    contextWindow: e.contextWindow > 0 ? Math.min(e.contextWindow, contextSize) : contextSize,
    timeouts: { ...e.timeouts, firstTokenMs: Math.max(e.timeouts.firstTokenMs, COLD_START_MS), totalMs: Math.max(e.timeouts.totalMs, COLD_START_MS + e.timeouts.totalMs) },
  };
}
