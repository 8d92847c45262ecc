/**
 * The single source of Banyan's configuration: every `banyan.*` setting with its type, default and
 * description. package.json `contributes.configuration` is generated from this (`npm run manifest`);
 * test/unit/core/config/manifest.test.ts fails when the two differ.
 *
 * Each area keeps its settings in its own file and is spread in here.
 */
import { agentSettings } from './agentSettings';
import { completionSettings } from './completionSettings';
import { embeddedSettings } from './embeddedSettings';
import { generalSettings } from './generalSettings';
import { indexSettings } from './indexSettings';
import { insightsSettings } from './insightsSettings';
import { modelSettings } from './modelSettings';
import { nextEditSettings } from './nextEditSettings';
import type { SettingSpec } from './settingSpec';

export const SETTINGS_SECTION = 'banyan';

export const SETTINGS = {
  ...generalSettings,
  ...indexSettings,
  ...modelSettings,
  ...embeddedSettings,
  ...completionSettings,
  ...nextEditSettings,
  ...agentSettings,
  ...insightsSettings,
} as const satisfies Record<string, SettingSpec<unknown>>;

export type SettingKey = keyof typeof SETTINGS;
export type BanyanSettings = { readonly [K in SettingKey]: (typeof SETTINGS)[K] extends SettingSpec<infer T> ? T : never };

/** Defaults for every setting. */
export function defaultSettings(): BanyanSettings {
  const out: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(SETTINGS)) out[key] = spec.default;
  return out as BanyanSettings;
}

/**
 * Reads the `banyan` section as VS Code returns it (nested objects, e.g. `{ server: { maxRestarts: 3 } }`,
 * or flat dotted keys) and returns validated settings; invalid or missing values fall back to defaults.
 * Reports which keys were rejected so the caller can log them once.
 */
export function resolveSettings(raw: unknown): { settings: BanyanSettings; invalid: string[] } {
  const out: Record<string, unknown> = {};
  const invalid: string[] = [];
  for (const [key, spec] of Object.entries(SETTINGS) as [string, SettingSpec<unknown>][]) {
    const value = lookup(raw, key);
    if (value === undefined || value === null) {
      out[key] = spec.default;
      continue;
    }
    const coerced = spec.coerce ? spec.coerce(value) : value;
    if (coerced === undefined) {
      invalid.push(`${SETTINGS_SECTION}.${key}`);
      out[key] = spec.default;
    } else {
      out[key] = coerced;
    }
  }
  return { settings: out as BanyanSettings, invalid };
}

function lookup(raw: unknown, dottedKey: string): unknown {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const record = raw as Record<string, unknown>;
  if (dottedKey in record) return record[dottedKey];
  let cursor: unknown = raw;
  for (const part of dottedKey.split('.')) {
    if (typeof cursor !== 'object' || cursor === null) return undefined;
    cursor = (cursor as Record<string, unknown>)[part];
  }
  return cursor;
}

/** The JSON schema object for package.json `contributes.configuration.properties`. */
export function manifestProperties(): Record<string, Record<string, unknown>> {
  const props: Record<string, Record<string, unknown>> = {};
  for (const [key, spec] of Object.entries(SETTINGS) as [string, SettingSpec<unknown>][]) {
    const { coerce: _coerce, restricted: _restricted, ...schema } = spec;
    props[`${SETTINGS_SECTION}.${key}`] = JSON.parse(JSON.stringify(schema)) as Record<string, unknown>;
  }
  return props;
}
