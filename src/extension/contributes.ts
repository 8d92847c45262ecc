/**
 * package.json `contributes`, built from the single sources: COMMANDS (commandIds.ts) and SETTINGS
 * (src/core/config/settings.ts). `npm run manifest` writes it; a unit test fails when package.json differs.
 * Pure data: no vscode import.
 */
import { restrictedConfigurationIds } from '../core/config/restrictedSettings';
import { manifestProperties } from '../core/config/settings';
import { COMMAND_CATEGORY, COMMANDS, type CommandSpec } from './commandIds';

export const CHAT_VIEW_ID = 'banyan.chatView';
export const VIEW_CONTAINER_ID = 'banyan';

export function contributes(): Record<string, unknown> {
  const commands = Object.values(COMMANDS) as CommandSpec[];
  return {
    commands: commands.map((c) => ({
      command: c.id,
      title: c.title,
      category: COMMAND_CATEGORY,
      ...(c.icon ? { icon: c.icon } : {}),
    })),
    menus: {
      commandPalette: commands.filter((c) => c.paletteWhen).map((c) => ({ command: c.id, when: c.paletteWhen })),
      'editor/context': [
        { command: COMMANDS.rewriteSelection.id, when: 'editorTextFocus && !editorReadonly', group: '1_modification@9' },
        { command: COMMANDS.addSelectionToChat.id, when: 'editorTextFocus', group: '1_modification@10' },
      ],
      'editor/title': [
        { command: COMMANDS.chatApplyAccept.id, when: 'banyan.chatApplyPending && isInDiffEditor', group: 'navigation@1' },
        { command: COMMANDS.chatApplyReject.id, when: 'banyan.chatApplyPending && isInDiffEditor', group: 'navigation@2' },
      ],
      'view/title': [
        { command: COMMANDS.restartServer.id, when: `view == ${CHAT_VIEW_ID}`, group: 'navigation@9' },
        { command: COMMANDS.showLogs.id, when: `view == ${CHAT_VIEW_ID}`, group: 'overflow' },
      ],
    },
    configuration: {
      title: 'Banyan',
      properties: manifestProperties(),
    },
    viewsContainers: {
      activitybar: [{ id: VIEW_CONTAINER_ID, title: 'Banyan', icon: 'media/banyan-activity.svg' }],
    },
    views: {
      [VIEW_CONTAINER_ID]: [{ type: 'webview', id: CHAT_VIEW_ID, name: 'Chat', icon: 'media/banyan-activity.svg', contextualTitle: 'Banyan' }],
    },
    keybindings: [
      { command: COMMANDS.triggerInlineSuggestion.id, key: 'alt+\\', mac: 'alt+\\', when: 'editorTextFocus && !editorReadonly' },
      { command: COMMANDS.rewriteSelection.id, key: 'ctrl+alt+k', mac: 'cmd+alt+k', when: 'editorTextFocus && !editorReadonly' },
      { command: COMMANDS.rewriteAccept.id, key: 'ctrl+enter', mac: 'cmd+enter', when: 'editorTextFocus && banyan.rewritePending' },
      { command: COMMANDS.rewriteReject.id, key: 'escape', when: 'editorTextFocus && banyan.rewritePending && !suggestWidgetVisible && !inlineSuggestionVisible' },
    ],
  };
}

/**
 * package.json `capabilities`: in an untrusted workspace (Restricted Mode) Banyan runs with limits —
 * agent mode is off, no MCP server starts, and the restricted settings come from the user's settings
 * only (VS Code ignores the folder's values of those listed here).
 */
export function capabilities(): Record<string, unknown> {
  return {
    untrustedWorkspaces: {
      supported: 'limited',
      description: 'In Restricted Mode agent mode is off, no MCP server is started, and model endpoints, headers, certificate authorities, MCP servers and the agent\'s approval modes and command lists come from your user settings only.',
      restrictedConfigurations: restrictedConfigurationIds(),
    },
  };
}
