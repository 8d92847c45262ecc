/**
 * The next-edit formats by id, and the one a model is trained on, detected from its name (a role's
 * `template` setting may name one instead). Chat models and unknown names get `chat`.
 */
import { chatFormat } from './chatFormat';
import type { NextEditFormat, NextEditFormatId } from './nextEditFormat';
import { sweepFormat } from './sweepFormat';
import { zeta2Format } from './zeta2Format';
import { zetaFormat } from './zetaFormat';

export const NEXT_EDIT_FORMATS: Readonly<Record<NextEditFormatId, NextEditFormat>> = { zeta: zetaFormat, zeta2: zeta2Format, sweep: sweepFormat, chat: chatFormat };

export function detectNextEditFormat(model: string): NextEditFormatId {
  const m = model.toLowerCase();
  if (/sweep.*next.?edit|next.?edit.*sweep/.test(m)) return 'sweep';
  if (/zeta.?2|zeta-?v2/.test(m)) return 'zeta2';
  if (/zeta|instinct/.test(m)) return 'zeta';
  return 'chat';
}

export function nextEditFormat(setting: string | undefined, model: string): NextEditFormat {
  const id = setting && setting in NEXT_EDIT_FORMATS ? (setting as NextEditFormatId) : detectNextEditFormat(model);
  return NEXT_EDIT_FORMATS[id];
}
