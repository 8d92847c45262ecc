/**
 * Turns settings + secrets into what the layer runs on: per role, an ordered endpoint chain (primary,
 * then fallbacks) with everything a request needs. Keys are looked up by secret id and never copied
 * into anything that is logged (EndpointConfig.toString-free plain data; `apiKey` is the only secret).
 */
import type { BanyanSettings } from '../../config/settings';
import { NO_THINKING_BY_DEFAULT, type TEMPLATE_VALUES, type THINKING_VALUES } from '../../config/modelSettings';
import type { ModelRole, ProviderKind } from '../types';
import { MODEL_ROLES } from '../types';
import { embeddedEndpoint } from './embeddedEndpoint';

export type TemplateSetting = (typeof TEMPLATE_VALUES)[number];
export type ThinkingSetting = (typeof THINKING_VALUES)[number];

export interface Timeouts {
  readonly connectMs: number;
  readonly firstTokenMs: number;
  readonly totalMs: number;
}

export interface EndpointConfig {
  readonly role: ModelRole;
  readonly provider: ProviderKind;
  /** Normalised: no trailing slash, no trailing /v1. */
  readonly baseUrl: string;
  readonly model: string;
  readonly template: TemplateSetting;
  readonly maxTokens: number;
  readonly temperature: number;
  /** 0: look it up from the model name. */
  readonly contextWindow: number;
  readonly timeouts: Timeouts;
  readonly maxRetries: number;
  readonly extraHeaders: Readonly<Record<string, string>>;
  /** Whether to ask the model not to reason (see thinkingFor). */
  readonly thinking: ThinkingSetting;
  /** Merged into every request body last (server options Banyan does not set). */
  readonly extraBody: Readonly<Record<string, unknown>>;
  readonly secretId: string;
  readonly apiKey: string | undefined;
  /** 0 for the primary, 1.. for fallbacks. */
  readonly chainIndex: number;
  /** Set when the role has no model of its own and runs on this role's endpoints (next-edit on edit). */
  readonly inheritedFrom?: ModelRole;
}

export interface ModelLayerConfig {
  readonly roles: Readonly<Record<ModelRole, readonly EndpointConfig[]>>;
  readonly maxConcurrentPerEndpoint: number;
  readonly breaker: { readonly failureThreshold: number; readonly cooldownMs: number };
  readonly caFile: string;
}

/** The SecretStorage id of a role's API key. */
export function apiKeySecretId(role: ModelRole): string {
  return `banyan.apiKey.${role}`;
}

/** `off` when the endpoint should be asked not to reason, `default` to send nothing. */
export function thinkingFor(e: Pick<EndpointConfig, 'role' | 'thinking'>): 'off' | 'default' {
  if (e.thinking === 'off') return 'off';
  if (e.thinking === 'on') return 'default';
  return NO_THINKING_BY_DEFAULT.has(e.role) ? 'off' : 'default';
}

/** Strips trailing slashes and a trailing `/v1`, so users may paste either form. */
export function normalizeBaseUrl(url: string): string {
  let u = url.trim().replace(/\/+$/, '');
  if (/\/v1$/i.test(u)) u = u.slice(0, -3);
  return u;
}

/** A stable name of the endpoint for breakers, limiters, logs and the status bar. */
export function endpointKey(e: Pick<EndpointConfig, 'baseUrl' | 'model'>): string {
  return `${e.baseUrl} ${e.model}`;
}

export function resolveModelConfig(settings: BanyanSettings, secret: (id: string) => string | undefined): ModelLayerConfig {
  const roles = {} as Record<ModelRole, EndpointConfig[]>;
  for (const role of MODEL_ROLES) {
    const get = <K extends string>(field: K) => (settings as unknown as Record<string, unknown>)[`models.${role}.${field}`];
    const primary: EndpointConfig = {
      role,
      provider: get('provider') as ProviderKind,
      baseUrl: normalizeBaseUrl(get('baseUrl') as string),
      model: (get('model') as string).trim(),
      template: get('template') as TemplateSetting,
      maxTokens: get('maxTokens') as number,
      temperature: get('temperature') as number,
      contextWindow: get('contextWindow') as number,
      timeouts: { connectMs: get('connectTimeoutMs') as number, firstTokenMs: get('firstTokenTimeoutMs') as number, totalMs: get('totalTimeoutMs') as number },
      maxRetries: get('maxRetries') as number,
      extraHeaders: get('extraHeaders') as Record<string, string>,
      thinking: (get('thinking') as ThinkingSetting | undefined) ?? 'auto',
      extraBody: (get('extraBody') as Record<string, unknown> | undefined) ?? {},
      secretId: apiKeySecretId(role),
      apiKey: secret(apiKeySecretId(role)),
      chainIndex: 0,
    };
    const fallbacks = (settings[`models.${role}.fallbacks` as keyof BanyanSettings] as unknown as readonly { provider?: ProviderKind; baseUrl?: string; model: string; secretId?: string }[]).map(
      (f, i): EndpointConfig => {
        const secretId = f.secretId ?? primary.secretId;
        return {
          ...primary,
          provider: f.provider ?? primary.provider,
          baseUrl: f.baseUrl ? normalizeBaseUrl(f.baseUrl) : primary.baseUrl,
          model: f.model,
          // A template chosen for the primary model rarely fits another one: detect again.
          template: f.model === primary.model ? primary.template : 'auto',
          contextWindow: f.model === primary.model ? primary.contextWindow : 0,
          secretId,
          apiKey: secret(secretId),
          chainIndex: i + 1,
        };
      },
    );
    roles[role] = [primary, ...fallbacks].map((e) => (e.provider === 'embedded' ? embeddedEndpoint(e, settings) : e));
  }
  // Next-edit without a model of its own runs on the edit role's endpoints (in the chat format).
  if (!roles.nextEdit[0]!.model) roles.nextEdit = roles.edit.map((e) => ({ ...e, role: 'nextEdit', inheritedFrom: 'edit' }));
  return {
    roles,
    maxConcurrentPerEndpoint: settings['models.maxConcurrentPerEndpoint'],
    breaker: { failureThreshold: settings['models.circuitBreaker.failureThreshold'], cooldownMs: settings['models.circuitBreaker.cooldownMs'] },
    caFile: settings['models.caFile'],
  };
}
