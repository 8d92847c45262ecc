import * as vscode from 'vscode';
import type { EditorSettings } from '../protocol/lsp';
import { SETTINGS_SECTION } from '../core/config/settings';

/** The `banyan` section as a plain object (nested, as VS Code returns it). */
export function readBanyanSettings(): unknown {
  return JSON.parse(JSON.stringify(vscode.workspace.getConfiguration(SETTINGS_SECTION)));
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
