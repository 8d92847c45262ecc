import * as vscode from 'vscode';
import { ListModelsRequest, type ModelRole, SetSecretsNotification, SettingsChangedNotification } from '../../protocol/lsp';
import type { BanyanContext } from '../banyanContext';
import { serverSettings } from '../editorSettings';
import { sendNotification, sendRequest } from '../typedClient';
import { PROVIDER_PRESETS, type ProviderPreset, ROLE_GROUPS } from './providerPresets';
import { downloadModelCommand } from './localModelCommands';
import { testModelConnection } from './testConnection';

const TITLE = 'Banyan: Configure Model';

/**
 * "Banyan: Configure Model": role group → provider preset → base URL → key (when needed) → model
 * picked from the endpoint's list → settings written (user scope), key into SecretStorage
 * (`banyan.apiKey.<role>`) → connection test. Every step can be cancelled with Escape.
 */
export async function configureModel(ctx: BanyanContext): Promise<void> {
  const group = await vscode.window.showQuickPick(ROLE_GROUPS.map((g) => ({ label: g.label, detail: g.detail, roles: g.roles })), { title: `${TITLE} (1/5): what for?` });
  if (!group) return;
  const roles = [...group.roles] as ModelRole[];

  const builtIn = { label: '$(vm) Built-in model', detail: 'no server: Banyan runs a GGUF model on this machine (downloaded once)', preset: undefined };
  const presetPick = await vscode.window.showQuickPick([builtIn, ...PROVIDER_PRESETS.map((p) => ({ label: p.label, detail: p.detail, preset: p }))], { title: `${TITLE} (2/5): provider`, matchOnDetail: true });
  if (!presetPick) return;
  if (!presetPick.preset) return downloadModelCommand(ctx, roles);
  const preset: ProviderPreset = presetPick.preset;

  const baseUrl = await vscode.window.showInputBox({
    title: `${TITLE} (3/5): base URL`, value: preset.baseUrl, ignoreFocusOut: true,
    validateInput: (v) => (/^https?:\/\/\S+$/.test(v.trim()) ? undefined : 'Enter an http:// or https:// URL'),
  });
  if (!baseUrl) return;

  const secretId = `banyan.apiKey.${roles[0]}`;
  const existing = await ctx.secrets.get(secretId);
  let apiKey: string | undefined = existing;
  if (preset.needsKey || existing) {
    const typed = await vscode.window.showInputBox({
      title: `${TITLE} (4/5): API key`, password: true, ignoreFocusOut: true,
      prompt: `Stored in VS Code's SecretStorage, never in settings${existing ? '. Leave empty to keep the stored key' : ''}`,
      validateInput: (v) => (preset.needsKey && !v && !existing ? 'This provider needs a key' : undefined),
    });
    if (typed === undefined) return;
    if (typed) apiKey = typed;
  }

  const client = await ctx.server.readyClient();
  let models: readonly string[] = [];
  let listError: string | undefined;
  try {
    models = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Banyan: asking ${baseUrl} for its models…` }, () =>
      sendRequest(client, ListModelsRequest, { baseUrl: baseUrl.trim(), provider: preset.provider, ...(apiKey ? { apiKey } : {}) }),
    );
  } catch (err) {
    listError = err instanceof Error ? err.message : String(err);
  }
  const typeOwn = { label: '$(edit) Enter a model name…', model: '' };
  const modelPick = await vscode.window.showQuickPick([...models.map((m) => ({ label: m, model: m })), typeOwn], {
    title: `${TITLE} (5/5): model`,
    placeHolder: listError ? `Could not list models: ${listError}` : models.length ? `${models.length} model(s) at ${baseUrl}` : 'The endpoint listed no models',
    ignoreFocusOut: true,
  });
  if (!modelPick) return;
  let model = modelPick.model;
  if (!model) {
    model = (await vscode.window.showInputBox({ title: `${TITLE}: model name`, ignoreFocusOut: true, validateInput: (v) => (v.trim() ? undefined : 'Enter a model name') }))?.trim() ?? '';
    if (!model) return;
  }

  const config = vscode.workspace.getConfiguration('banyan');
  for (const role of roles) {
    await config.update(`models.${role}.provider`, preset.provider, vscode.ConfigurationTarget.Global);
    await config.update(`models.${role}.baseUrl`, baseUrl.trim(), vscode.ConfigurationTarget.Global);
    await config.update(`models.${role}.model`, model, vscode.ConfigurationTarget.Global);
    if (role === 'completion') await config.update('models.completion.template', preset.completionTemplate ?? 'auto', vscode.ConfigurationTarget.Global);
    if (apiKey && apiKey !== existing) await ctx.secrets.set(`banyan.apiKey.${role}`, apiKey);
  }
  // Push both now (the change events may still be in flight) so the test below sees the new setup.
  await sendNotification(client, SetSecretsNotification, { secrets: await ctx.secrets.all() });
  await sendNotification(client, SettingsChangedNotification, serverSettings());
  ctx.log.info(`Configured ${roles.join(', ')}: ${preset.provider} ${baseUrl} ${model}${apiKey ? ' (key in SecretStorage)' : ''}`);
  await testModelConnection(ctx, roles);
}
