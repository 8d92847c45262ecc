/**
 * Inline-suggestion commands. The suggestions themselves need no code here: the server advertises
 * `inlineCompletionProvider` and vscode-languageclient registers the provider; its items carry
 * COMPLETION_ACCEPTED_COMMAND so an accept reports back (word/line accepts the server sees as edits).
 */
import * as vscode from 'vscode';
import { SETTINGS_SECTION } from '../../core/config/settings';
import { CompletionAcceptedNotification, CompletionMetricsRequest, CompletionSnoozeRequest } from '../../protocol/lsp';
import type { BanyanContext } from '../banyanContext';
import { sendNotification, sendRequest } from '../typedClient';

const SNOOZE_CHOICES = [5, 15, 60];

/** Alt+\: ask for a suggestion now (explicit trigger: no debounce, snooze and code after the cursor do not stop it). */
export function triggerInlineSuggestion(): Thenable<unknown> {
  return vscode.commands.executeCommand('editor.action.inlineSuggest.trigger');
}

/** The item's command: VS Code runs it when the user accepts the whole suggestion. */
export function reportAccepted(ctx: BanyanContext, id: unknown): void {
  const client = ctx.server.client();
  if (client && typeof id === 'string') void sendNotification(client, CompletionAcceptedNotification, { id, kind: 'full' });
}

/** Globally on/off, or for the active editor's language (`banyan.completion.disabledLanguages`). */
export async function toggleInlineSuggestions(scope: unknown): Promise<void> {
  const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
  const language = vscode.window.activeTextEditor?.document.languageId;
  const pick = scope === 'global' || scope === 'language' ? scope : await vscode.window.showQuickPick(
    [
      { label: config.get<boolean>('completion.enabled', true) ? 'Disable inline suggestions' : 'Enable inline suggestions', scope: 'global' as const },
      ...(language ? [{ label: `${isLanguageDisabled(language) ? 'Enable' : 'Disable'} inline suggestions for ${language}`, scope: 'language' as const }] : []),
    ],
    { title: 'Banyan inline suggestions' },
  ).then((p) => p?.scope);
  if (pick === 'global') {
    await config.update('completion.enabled', !config.get<boolean>('completion.enabled', true), vscode.ConfigurationTarget.Global);
  } else if (pick === 'language' && language) {
    const disabled = config.get<string[]>('completion.disabledLanguages', []);
    const next = disabled.includes(language) ? disabled.filter((l) => l !== language) : [...disabled, language];
    await config.update('completion.disabledLanguages', next, vscode.ConfigurationTarget.Global);
  }
}

function isLanguageDisabled(language: string): boolean {
  return vscode.workspace.getConfiguration(SETTINGS_SECTION).get<string[]>('completion.disabledLanguages', []).includes(language);
}

/** Snooze for 5/15/60 minutes (or resume); the argument skips the picker. */
export async function snoozeInlineSuggestions(ctx: BanyanContext, minutesArg: unknown): Promise<void> {
  const minutes = typeof minutesArg === 'number' ? minutesArg : await vscode.window.showQuickPick(
    [...SNOOZE_CHOICES.map((m) => ({ label: `Snooze for ${m} minutes`, minutes: m })), { label: 'Resume now', minutes: 0 }],
    { title: 'Snooze Banyan inline suggestions' },
  ).then((p) => p?.minutes);
  if (minutes === undefined) return;
  const client = await ctx.server.readyClient();
  const { snoozedForMs } = await sendRequest(client, CompletionSnoozeRequest, { minutes });
  vscode.window.setStatusBarMessage(snoozedForMs > 0 ? `Banyan: inline suggestions snoozed for ${Math.round(snoozedForMs / 60_000)} min` : 'Banyan: inline suggestions resumed', 4000);
}

/** Shown / accepted / dismissed, latency split and request economy, in the log channel. */
export async function showCompletionMetrics(ctx: BanyanContext): Promise<unknown> {
  const client = await ctx.server.readyClient();
  const m = await sendRequest(client, CompletionMetricsRequest, undefined);
  ctx.log.info(`Inline completion metrics: ${JSON.stringify(m, null, 2)}`);
  ctx.log.show(true);
  return m;
}
