/**
 * The model picker's choices, from settings: the models configured for the chat, edit and agent
 * roles (one entry per distinct model). Picking one makes that role answer chat turns.
 */
import type { ModelInfo } from '../../protocol/webview';
import { banyanSetting } from '../editorSettings';

export const PICKABLE_ROLES = ['chat', 'edit', 'agent'] as const;
export type PickableRole = (typeof PICKABLE_ROLES)[number];

export function chatModels(): ModelInfo[] {
  const seen = new Set<string>();
  const out: ModelInfo[] = [];
  for (const role of PICKABLE_ROLES) {
    const model = String(banyanSetting(`models.${role}.model`) ?? '').trim();
    if (!model || seen.has(model)) continue;
    seen.add(model);
    out.push({ id: role, label: model, detail: `${role} model · ${String(banyanSetting(`models.${role}.baseUrl`) ?? '')}` });
  }
  return out;
}

export function isPickableRole(id: string | null): id is PickableRole {
  return (PICKABLE_ROLES as readonly string[]).includes(id ?? '');
}
