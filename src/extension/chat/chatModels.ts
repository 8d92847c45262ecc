/**
 * The model picker's choices, from settings: the models configured for the chat, edit and agent
 * roles (one entry per distinct model). Picking one makes that role answer chat turns.
 */
import * as vscode from 'vscode';
import type { ModelInfo } from '../../protocol/webview';

export const PICKABLE_ROLES = ['chat', 'edit', 'agent'] as const;
export type PickableRole = (typeof PICKABLE_ROLES)[number];

export function chatModels(): ModelInfo[] {
  const config = vscode.workspace.getConfiguration('banyan');
  const seen = new Set<string>();
  const out: ModelInfo[] = [];
  for (const role of PICKABLE_ROLES) {
    const model = String(config.get(`models.${role}.model`) ?? '').trim();
    if (!model || seen.has(model)) continue;
    seen.add(model);
    out.push({ id: role, label: model, detail: `${role} model · ${String(config.get(`models.${role}.baseUrl`) ?? '')}` });
  }
  return out;
}

export function isPickableRole(id: string | null): id is PickableRole {
  return (PICKABLE_ROLES as readonly string[]).includes(id ?? '');
}
