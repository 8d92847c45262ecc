/**
 * Settings that never come from an untrusted workspace: where model requests go and what they carry
 * (providers, base URLs, extra headers, fallbacks, the CA file), MCP servers, the agent's approval
 * modes and command lists, and include folders outside the workspace. A cloned repository's
 * `.vscode/settings.json` could otherwise send your code and keys to its own server or start its own
 * processes. In an untrusted workspace only the user's value (or the default) of these is read.
 */
import { SETTINGS, SETTINGS_SECTION, type SettingKey } from './settings';
import type { SettingSpec } from './settingSpec';

export const RESTRICTED_SETTINGS: readonly SettingKey[] = (Object.entries(SETTINGS) as [SettingKey, SettingSpec<unknown>][]).filter(([, spec]) => spec.restricted).map(([key]) => key);

/** The full ids (`banyan.models.chat.baseUrl`) for package.json's restrictedConfigurations. */
export function restrictedConfigurationIds(): string[] {
  return RESTRICTED_SETTINGS.map((k) => `${SETTINGS_SECTION}.${k}`);
}

/** What the editor knows of one setting's value at each level (VS Code's `inspect()`). */
export interface SettingLevels {
  readonly defaultValue?: unknown;
  readonly globalValue?: unknown;
  readonly workspaceValue?: unknown;
  readonly workspaceFolderValue?: unknown;
}

/**
 * For an untrusted workspace: the value of every restricted setting from the user's settings or the
 * default (flat keys, which resolveSettings prefers to the nested section), and the keys whose
 * workspace value is ignored.
 */
export function userValuesOfRestricted(inspect: (key: SettingKey) => SettingLevels | undefined): { readonly values: Record<string, unknown>; readonly ignored: readonly SettingKey[] } {
  const values: Record<string, unknown> = {};
  const ignored: SettingKey[] = [];
  for (const key of RESTRICTED_SETTINGS) {
    const levels = inspect(key);
    values[key] = levels?.globalValue ?? levels?.defaultValue ?? SETTINGS[key].default;
    if (levels?.workspaceValue !== undefined || levels?.workspaceFolderValue !== undefined) ignored.push(key);
  }
  return { values, ignored };
}
