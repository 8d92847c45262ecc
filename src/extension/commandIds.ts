/**
 * Every command Banyan contributes, declared once: id, palette title, icon, and whether it shows in the
 * status-bar menu. package.json `contributes.commands` is generated from this list (`npm run manifest`).
 * Pure data (no vscode import) so the manifest script and tests can read it.
 */
export interface CommandSpec {
  readonly id: string;
  readonly title: string;
  readonly icon?: string;
  /** Shown in the status-bar quick menu. */
  readonly inMenu?: boolean;
  /** `when` clause for the command palette; "false" hides an internal command. */
  readonly paletteWhen?: string;
}

export const COMMANDS = {
  openChat: { id: 'banyan.openChat', title: 'Open Chat', icon: '$(comment-discussion)', inMenu: true },
  showLogs: { id: 'banyan.showLogs', title: 'Show Logs', icon: '$(output)', inMenu: true },
  restartServer: { id: 'banyan.restartServer', title: 'Restart Server', icon: '$(debug-restart)', inMenu: true },
  showStatus: { id: 'banyan.showServerStatus', title: 'Show Server Status', icon: '$(info)', inMenu: true },
  openSettings: { id: 'banyan.openSettings', title: 'Open Settings', icon: '$(settings-gear)', inMenu: true },
  testModelConnection: { id: 'banyan.testModelConnection', title: 'Test Model Connection', icon: '$(plug)', inMenu: true },
  configureModel: { id: 'banyan.configureModel', title: 'Configure Model', icon: '$(server-process)', inMenu: true },
  showIndexStatus: { id: 'banyan.showIndexStatus', title: 'Show Index Status', icon: '$(database)', inMenu: true },
  reindexWorkspace: { id: 'banyan.reindexWorkspace', title: 'Reindex Workspace', icon: '$(refresh)' },
  pauseIndexing: { id: 'banyan.pauseIndexing', title: 'Pause Indexing', icon: '$(debug-pause)' },
  resumeIndexing: { id: 'banyan.resumeIndexing', title: 'Resume Indexing', icon: '$(debug-start)' },
  showMenu: { id: 'banyan.showMenu', title: 'Show Menu', icon: '$(list-unordered)' },
  rewriteSelection: { id: 'banyan.rewriteSelection', title: 'Rewrite Selection', icon: '$(sparkle)', inMenu: true },
  rewriteAccept: { id: 'banyan.rewrite.accept', title: 'Accept Rewrite', icon: '$(check)', paletteWhen: 'banyan.rewritePending' },
  rewriteReject: { id: 'banyan.rewrite.reject', title: 'Reject Rewrite', icon: '$(close)', paletteWhen: 'banyan.rewritePending' },
  rewriteRetry: { id: 'banyan.rewrite.retry', title: 'Retry Rewrite with Feedback', icon: '$(comment)', paletteWhen: 'banyan.rewritePending' },
  rewriteShowDiff: { id: 'banyan.rewrite.showDiff', title: 'Show Rewrite as Diff', icon: '$(diff)', paletteWhen: 'banyan.rewritePending' },
  rewriteAcceptHunk: { id: 'banyan.rewrite.acceptHunk', title: 'Accept Rewrite Hunk', paletteWhen: 'false' },
  rewriteRejectHunk: { id: 'banyan.rewrite.rejectHunk', title: 'Reject Rewrite Hunk', paletteWhen: 'false' },
  triggerInlineSuggestion: { id: 'banyan.triggerInlineSuggestion', title: 'Trigger Inline Suggestion', icon: '$(sparkle)' },
  toggleInlineSuggestions: { id: 'banyan.toggleInlineSuggestions', title: 'Enable/Disable Inline Suggestions…', icon: '$(lightbulb)', inMenu: true },
  snoozeInlineSuggestions: { id: 'banyan.snoozeInlineSuggestions', title: 'Snooze Inline Suggestions…', icon: '$(bell-slash)', inMenu: true },
  showCompletionMetrics: { id: 'banyan.showCompletionMetrics', title: 'Show Inline Suggestion Metrics', icon: '$(graph)' },
  completionAccepted: { id: 'banyan.internal.completionAccepted', title: 'Inline Suggestion Accepted (internal)', paletteWhen: 'false' },
  addSelectionToChat: { id: 'banyan.addSelectionToChat', title: 'Add Selection to Chat', icon: '$(comment-discussion)', paletteWhen: 'editorIsOpen' },
  chatApplyAccept: { id: 'banyan.chat.acceptApply', title: 'Accept Chat Change', icon: '$(check)', paletteWhen: 'banyan.chatApplyPending' },
  chatApplyReject: { id: 'banyan.chat.rejectApply', title: 'Reject Chat Change', icon: '$(close)', paletteWhen: 'banyan.chatApplyPending' },
  activationTiming: { id: 'banyan.internal.activationTiming', title: 'Activation Timing (internal)', paletteWhen: 'false' },
  downloadModel: { id: 'banyan.downloadModel', title: 'Download Model…', icon: '$(cloud-download)', inMenu: true },
  manageLocalModels: { id: 'banyan.manageLocalModels', title: 'Manage Local Models', icon: '$(library)', inMenu: true },
  // Insights and evaluation (src/extension/insights)
  showInsights: { id: 'banyan.showInsights', title: 'Show Insights', icon: '$(graph-line)', inMenu: true },
  evaluateCompletionModel: { id: 'banyan.evaluateCompletionModel', title: 'Evaluate Completion Model on This Workspace', icon: '$(beaker)', paletteWhen: 'workspaceFolderCount > 0' },
  // Next-edit suggestions (src/extension/nextEdit)
  nextEditTab: { id: 'banyan.nextEdit.tab', title: 'Next Edit: Jump or Accept', paletteWhen: 'banyan.nextEditVisible' },
  nextEditEscape: { id: 'banyan.nextEdit.dismiss', title: 'Next Edit: Dismiss', paletteWhen: 'banyan.nextEditVisible' },
  nextEditAccepted: { id: 'banyan.internal.nextEditAccepted', title: 'Next Edit Accepted (internal)', paletteWhen: 'false' },
  toggleNextEdit: { id: 'banyan.toggleNextEdit', title: 'Enable/Disable Next-Edit Suggestions', icon: '$(arrow-swap)', inMenu: true },
  showNextEditMetrics: { id: 'banyan.showNextEditMetrics', title: 'Show Next-Edit Metrics', icon: '$(graph)' },
} as const satisfies Record<string, CommandSpec>;

export type CommandKey = keyof typeof COMMANDS;

export const COMMAND_CATEGORY = 'Banyan';
