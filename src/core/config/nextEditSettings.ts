import { booleanSetting, numberSetting } from './settingSpec';

/** Settings of next-edit suggestions (src/core/nextEdit); the model is `banyan.models.nextEdit.*`. */
export const nextEditSettings = {
  'nextEdit.enabled': booleanSetting(
    false,
    'Next-edit suggestions (preview, off by default): after an edit, Banyan predicts the change you make next — at the cursor (ghost text) or elsewhere (an inline diff with a jump label; **Tab** jumps, **Tab** again accepts, **Esc** dismisses). Each prediction is a request to the next-edit model (`banyan.models.nextEdit.*`, else the edit model).',
  ),
  'nextEdit.allowWhitespaceOnly': booleanSetting(
    false,
    'Show next-edit suggestions that only change whitespace (indentation, blank lines, trailing spaces).',
  ),
  'nextEdit.maxChangedLines': numberSetting(
    20,
    'Next-edit suggestions changing more lines than this are not shown.',
    { minimum: 1, maximum: 200, integer: true },
  ),
} as const;
