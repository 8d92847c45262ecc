/**
 * The model access layer's public surface. Consumers (completion, chat, edit, agent, embeddings)
 * import from here only.
 */
export type { ModelClient, ModelHubOptions } from './modelClient';
export { ModelHub } from './modelClient';
export { ModelError, type ModelErrorKind } from './errors';
export type * from './types';
export { MODEL_ROLES } from './types';
export { resolveModelConfig, apiKeySecretId, type EndpointConfig, type ModelLayerConfig } from './config/roleConfig';
export { networkSettings, type NetworkSettings } from './network/proxy';
export { trustedCertificates } from './network/caCertificates';
export type { TokenCounter } from './tokens/tokenCounter';
export { counterForModel } from './tokens/counterForModel';
export { estimateTokens } from './tokens/estimateTokens';
export { budgetFor, contextWindowFor, countMessages, inputBudget, trimFim, trimMessages, MIN_OUTPUT_TOKENS } from './tokens/contextWindow';
export { parseModelJson, parseToolArguments, type JsonParse } from './structured/repairJson';
export { formatReport } from './diagnostics/formatReport';
export { detectFamily } from './fim/detectFamily';
export { templateFor } from './fim/planFim';
export { assembleChat, type ChatParts } from './prompt/assembleChat';
export { ModelHandle } from './modelHandle';
