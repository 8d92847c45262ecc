/**
 * The shape of one contributed setting. The schema in `settings.ts` is the single source: package.json's
 * `contributes.configuration` is generated from it (`npm run manifest`) and a unit test fails when they differ.
 */
export type SettingScope = 'application' | 'machine' | 'window' | 'resource' | 'language-overridable' | 'machine-overridable';

export interface SettingSpec<T> {
  readonly type: 'string' | 'boolean' | 'number' | 'integer' | 'array' | 'object';
  readonly default: T;
  readonly markdownDescription: string;
  readonly enum?: readonly string[];
  readonly enumDescriptions?: readonly string[];
  readonly minimum?: number;
  readonly maximum?: number;
  readonly items?: { readonly type: string; readonly enum?: readonly string[] };
  readonly additionalProperties?: { readonly type: string } | boolean;
  readonly scope?: SettingScope;
  readonly order?: number;
  /**
   * Never taken from an untrusted workspace (where a folder's own settings could send code and keys
   * elsewhere, or loosen what the agent may do): listed in package.json's
   * `capabilities.untrustedWorkspaces.restrictedConfigurations`, and the extension reads only the
   * user's value of it there (restrictedSettings.ts).
   */
  readonly restricted?: boolean;
  /** Runtime validation beyond the JSON-schema type; returns the value to use. */
  readonly coerce?: (value: unknown) => T | undefined;
}

export function stringSetting(def: string, markdownDescription: string, extra: Partial<SettingSpec<string>> = {}): SettingSpec<string> {
  return { type: 'string', default: def, markdownDescription, coerce: (v) => (typeof v === 'string' ? v : undefined), ...extra };
}

export function enumSetting<E extends string>(def: E, values: readonly E[], markdownDescription: string, enumDescriptions?: readonly string[], extra: Partial<SettingSpec<E>> = {}): SettingSpec<E> {
  return {
    type: 'string', default: def, markdownDescription, enum: values, ...(enumDescriptions ? { enumDescriptions } : {}),
    coerce: (v) => (typeof v === 'string' && (values as readonly string[]).includes(v) ? (v as E) : undefined), ...extra,
  };
}

export function booleanSetting(def: boolean, markdownDescription: string, extra: Partial<SettingSpec<boolean>> = {}): SettingSpec<boolean> {
  return { type: 'boolean', default: def, markdownDescription, coerce: (v) => (typeof v === 'boolean' ? v : undefined), ...extra };
}

export function numberSetting(def: number, markdownDescription: string, bounds: { minimum?: number; maximum?: number; integer?: boolean } = {}, extra: Partial<SettingSpec<number>> = {}): SettingSpec<number> {
  const { minimum, maximum, integer } = bounds;
  return {
    type: integer ? 'integer' : 'number', default: def, markdownDescription,
    ...(minimum !== undefined ? { minimum } : {}), ...(maximum !== undefined ? { maximum } : {}),
    coerce: (v) => {
      if (typeof v !== 'number' || !Number.isFinite(v)) return undefined;
      let n = integer ? Math.round(v) : v;
      if (minimum !== undefined) n = Math.max(minimum, n);
      if (maximum !== undefined) n = Math.min(maximum, n);
      return n;
    },
    ...extra,
  };
}

export function stringArraySetting(def: readonly string[], markdownDescription: string, extra: Partial<SettingSpec<readonly string[]>> = {}): SettingSpec<readonly string[]> {
  return {
    type: 'array', default: def, markdownDescription, items: { type: 'string' },
    coerce: (v) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : undefined), ...extra,
  };
}

export function stringMapSetting(def: Readonly<Record<string, string>>, markdownDescription: string, extra: Partial<SettingSpec<Readonly<Record<string, string>>>> = {}): SettingSpec<Readonly<Record<string, string>>> {
  return {
    type: 'object', default: def, markdownDescription, additionalProperties: { type: 'string' },
    coerce: (v) => {
      if (typeof v !== 'object' || v === null || Array.isArray(v)) return undefined;
      const out: Record<string, string> = {};
      for (const [k, val] of Object.entries(v)) if (typeof val === 'string') out[k] = val;
      return out;
    },
    ...extra,
  };
}

/** A free-form JSON object (e.g. extra request fields); anything but a plain object is refused. */
export function objectSetting(def: Readonly<Record<string, unknown>>, markdownDescription: string, extra: Partial<SettingSpec<Readonly<Record<string, unknown>>>> = {}): SettingSpec<Readonly<Record<string, unknown>>> {
  return {
    type: 'object', default: def, markdownDescription,
    coerce: (v) => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined),
    ...extra,
  };
}
