import * as vscode from 'vscode';
import type { EditorSettings } from '../protocol/lsp';
import { userValuesOfRestricted } from '../core/config/restrictedSettings';
import { SETTINGS_SECTION, type SettingKey } from '../core/config/settings';

/**
 * The `banyan` section as a plain object (nested, as VS Code returns it). In an untrusted workspace
 * the restricted settings (model endpoints and headers, MCP servers, the agent's command lists…)
 * hold the user's values only, whatever the folder's own settings say; VS Code does the same for
 * the settings package.json declares restricted, and this holds even where it would not.
 */
export function readBanyanSettings(): unknown {
  const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
  const raw = JSON.parse(JSON.stringify(config)) as Record<string, unknown>;
  return vscode.workspace.isTrusted ? raw : { ...raw, ...userValuesOfRestricted((k) => config.inspect(k)).values };
}

/** One `banyan` setting as the engine sees it (see readBanyanSettings). */
export function banyanSetting<T>(key: SettingKey): T | undefined {
  const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
  if (vscode.workspace.isTrusted) return config.get<T>(key);
  const { values } = userValuesOfRestricted((k) => config.inspect(k));
  return (key in values ? values[key] : config.get<T>(key)) as T | undefined;
}

/** The restricted settings whose workspace values are ignored now (none in a trusted workspace). */
export function ignoredWorkspaceSettings(): readonly string[] {
  if (vscode.workspace.isTrusted) return [];
  const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
  return userValuesOfRestricted((k) => config.inspect(k)).ignored.map((k) => `${SETTINGS_SECTION}.${k}`);
}

/** What the server is told of the settings, at start and after every change. */
export function serverSettings(): { settings: unknown; editorSettings: EditorSettings; trusted: boolean } {
  return { settings: readBanyanSettings(), editorSettings: readEditorSettings(), trusted: vscode.workspace.isTrusted };
}

/** The other editor settings the engine honours: excludes and the proxy. */
export function readEditorSettings(): EditorSettings {
  const files = vscode.workspace.getConfiguration('files');
  const search = vscode.workspace.getConfiguration('search');
  const http = vscode.workspace.getConfiguration('http');
  const proxy = http.get<string>('proxy');
  return {
    filesExclude: files.get<Record<string, boolean>>('exclude') ?? {},
    searchExclude: search.get<Record<string, boolean>>('exclude') ?? {},
    ...(proxy ? { httpProxy: proxy } : {}),
    httpProxyStrictSSL: http.get<boolean>('proxyStrictSSL') ?? true,
    httpNoProxy: http.get<string[]>('noProxy') ?? [],
  };
}

/** True when a configuration change touches anything the server reads. */
export function affectsServer(e: vscode.ConfigurationChangeEvent): boolean {
  return ['banyan', 'files.exclude', 'search.exclude', 'http.proxy', 'http.proxyStrictSSL', 'http.noProxy'].some((s) => e.affectsConfiguration(s));
}
