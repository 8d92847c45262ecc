/** The engine's settings from Banyan's settings and the next-edit role's resolved endpoint. */
import type { BanyanSettings } from '../config/settings';
import { DEFAULT_ENGINE_SETTINGS, type NextEditEngineSettings } from './nextEditEngine';

export function engineSettings(settings: BanyanSettings, model: { readonly model: string; readonly inheritedFrom?: string } | undefined): NextEditEngineSettings {
  return {
    ...DEFAULT_ENGINE_SETTINGS,
    // A role running on the edit role's chat model always speaks the chat format.
    format: model?.inheritedFrom ? 'chat' : settings['models.nextEdit.format'],
    model: model?.model ?? '',
    allowWhitespaceOnly: settings['nextEdit.allowWhitespaceOnly'],
    maxChangedLines: settings['nextEdit.maxChangedLines'],
  };
}
