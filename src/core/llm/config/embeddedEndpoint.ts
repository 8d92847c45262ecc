import type { BanyanSettings } from '../../config/settings';
import type { EndpointConfig } from './roleConfig';

/** The built-in model has no URL and no key; its window is the host's context size unless the role sets one. */
export const EMBEDDED_BASE_URL = 'embedded';

export function embeddedEndpoint(e: EndpointConfig, settings: BanyanSettings): EndpointConfig {
  const contextSize = settings['models.embedded.contextSize'];
  return {
    ...e,
    baseUrl: EMBEDDED_BASE_URL,
    apiKey: undefined,
    contextWindow: e.contextWindow > 0 ? Math.min(e.contextWindow, contextSize) : contextSize,
  };
}
