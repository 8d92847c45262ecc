/**
 * Recognises lines where a model left code out instead of writing it ("// ... rest of the code",
 * "# existing code unchanged", a bare "..."). Applying such a line would delete the code it stands
 * for, so every strategy refuses an answer that introduces one.
 */

const COMMENT_OPEN = /^(\/\/+|#+|--|\/\*+|<!--|\*|;+|%|\{\/\*)\s*/;
const COMMENT_CLOSE = /\s*(\*+\/|-->|\*\/\})\s*$/;
const ELIDED_WORDS = /\b(rest|remainder|remaining|existing|unchanged|omitted|same as|as before|skipped|truncated|etc)\b/i;
const DOTS_AT_END = /^(\.{3}|…)|(\.{3}|…)$/;
const ELIDED_PHRASE = /^(the )?(rest of (the )?(code|file|function|class|component|module|implementation|methods?)|(existing|remaining|other|previous|original) (code|methods|functions|imports|fields|properties|logic|implementation)|(code|implementation|everything else) (is )?(unchanged|omitted|as before)|unchanged( code)?|same as (before|above))( (here|below|above|unchanged|omitted|as before|(remains?|stays?) (the )?(same|unchanged)))?\s*[.:]?$/i;

/** Languages where `...` alone on a line is code: Python's Ellipsis, YAML's document end. */
const BARE_ELLIPSIS_IS_CODE = new Set(['python', 'yaml']);

/** Whether this one line stands for omitted code. `...` alone is accepted where it is code. */
export function isElisionLine(line: string, languageId?: string): boolean {
  const trimmed = line.trim();
  if (trimmed === '') return false;
  const opener = COMMENT_OPEN.exec(trimmed);
  const body = trimmed.slice(opener ? opener[0].length : 0).replace(COMMENT_CLOSE, '').trim();
  if (/^(\.{3}|…)$/.test(body)) return opener !== null || !BARE_ELLIPSIS_IS_CODE.has(languageId ?? '');
  if (DOTS_AT_END.test(body) && ELIDED_WORDS.test(body) && (opener !== null || /^(\.{3}|…)/.test(body))) return true;
  return opener !== null && ELIDED_PHRASE.test(body.replace(/^(\.{3}|…)\s*/, ''));
}

/** The first line of `lines` that is an elision marker not already present in `existing`. */
export function findIntroducedElision(lines: readonly string[], existing: readonly string[], languageId?: string): string | undefined {
  const present = new Set(existing.map((l) => l.trim()));
  return lines.find((l) => isElisionLine(l, languageId) && !present.has(l.trim()));
}
