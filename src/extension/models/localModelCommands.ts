/**
 * "Banyan: Download Model…" (the catalogue with this machine's recommendation → download → roles) and
 * "Banyan: Manage Local Models" (each downloaded model: size, where, which roles use it; use it for a
 * role, or delete it).
 */
import * as vscode from 'vscode';
import { formatBytes } from '../../core/localModels/catalogue';
import { type CatalogueModelInfo, type LocalModelsState, LocalModelsRequest, type ModelRole, RemoveLocalModelRequest } from '../../protocol/lsp';
import type { BanyanContext } from '../banyanContext';
import { COMMANDS } from '../commandIds';
import { sendRequest } from '../typedClient';
import { describeRoles, downloadAndUse, useBuiltInModel } from './modelDownload';
import { ROLE_GROUPS } from './providerPresets';

async function localState(ctx: BanyanContext): Promise<LocalModelsState> {
  const client = await ctx.server.readyClient();
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Banyan: checking this machine…' }, () => sendRequest(client, LocalModelsRequest, undefined));
}

export async function downloadModelCommand(ctx: BanyanContext, forRoles?: readonly ModelRole[]): Promise<void> {
  const state = await localState(ctx);
  if (state.runtimeProblem) {
    void vscode.window.showErrorMessage(`Banyan: the built-in model cannot run here: ${state.runtimeProblem}`);
    return;
  }
  const candidates = state.catalogue.filter((c) => !forRoles?.length || forRoles.some((r) => c.roles.includes(r)));
  const pick = await vscode.window.showQuickPick(
    candidates.map((c) => ({
      label: `${c.recommendedFor.length ? '$(star-full) ' : ''}${c.name}`,
      description: `${formatBytes(c.sizeBytes)}${c.downloaded ? ' · downloaded' : ''}`,
      detail: `${c.recommendedFor.length ? `Recommended here for ${c.recommendedFor.join(', ')}. ` : ''}${c.description} (${c.roles.join(', ')})`,
      c,
    })),
    { title: 'Banyan: Download Model', placeHolder: state.hardware ? `This machine: ${state.hardware}` : 'Pick a model to run on this machine', matchOnDetail: true, ignoreFocusOut: true },
  );
  if (!pick) return;
  const roles = await pickRoles(pick.c, forRoles);
  if (!roles) return;
  await downloadAndUse(ctx, pick.c, roles);
}

/** Which roles the new model should serve (the groups it is good for; preselected: what it was made for or what was asked). */
async function pickRoles(c: CatalogueModelInfo, forRoles?: readonly ModelRole[]): Promise<ModelRole[] | undefined> {
  const groups = ROLE_GROUPS.filter((g) => g.roles.some((r) => c.roles.includes(r)));
  const wanted = forRoles?.length ? forRoles : c.roles.slice(0, 1);
  const picked = await vscode.window.showQuickPick(
    groups.map((g) => ({ label: g.label, detail: g.detail, roles: g.roles as readonly ModelRole[], picked: g.roles.some((r) => wanted.includes(r)) })),
    { title: `Banyan: use ${c.name} for…`, canPickMany: true, placeHolder: 'Leave all unticked to only download it', ignoreFocusOut: true },
  );
  return picked?.flatMap((p) => [...p.roles]);
}

export async function manageLocalModels(ctx: BanyanContext): Promise<void> {
  const state = await localState(ctx);
  if (!state.local.length) {
    const choice = await vscode.window.showInformationMessage(`Banyan: no built-in model is downloaded yet (models folder: ${state.modelsDir}).`, 'Download Model…');
    if (choice) await vscode.commands.executeCommand(COMMANDS.downloadModel.id);
    return;
  }
  const pick = await vscode.window.showQuickPick(
    state.local.map((m) => ({ label: m.name, description: `${formatBytes(m.sizeBytes)}${m.usedBy.length ? ` · ${m.usedBy.join(', ')}` : ''}`, detail: m.path, m })),
    { title: 'Banyan: Manage Local Models', placeHolder: `In ${state.modelsDir}` },
  );
  if (!pick) return;
  const m = pick.m;
  const actions = [
    ...ROLE_GROUPS.map((g) => ({ label: `$(check) Use for ${g.label.toLowerCase()}`, roles: g.roles as readonly ModelRole[] })),
    { label: '$(trash) Delete', roles: [] as readonly ModelRole[], remove: true },
  ];
  const action = await vscode.window.showQuickPick(actions, { title: `Banyan: ${m.name} (${formatBytes(m.sizeBytes)})` });
  if (!action) return;
  if ('remove' in action) {
    const warn = m.usedBy.length ? ` ${describeRoles(m.usedBy)} use it and will stop working until another model is chosen.` : '';
    const ok = await vscode.window.showWarningMessage(`Delete ${m.name} (${formatBytes(m.sizeBytes)})?${warn}`, { modal: true }, 'Delete');
    if (ok !== 'Delete') return;
    const client = await ctx.server.readyClient();
    const { removed } = await sendRequest(client, RemoveLocalModelRequest, { id: m.id });
    void vscode.window.showInformationMessage(`Banyan: deleted ${removed.length ? removed.join(', ') : m.name}.`);
    return;
  }
  await useBuiltInModel(ctx, action.roles, m.id);
  void vscode.window.showInformationMessage(`Banyan: ${describeRoles(action.roles)} now use ${m.name}.`);
}
