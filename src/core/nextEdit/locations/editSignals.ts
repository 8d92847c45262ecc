/**
 * What one history hunk says about the edits still to come: the names it removed (a rename, a dropped
 * argument), the names it introduced, and the exact piece of old text it changed (so the same change
 * can be looked for elsewhere).
 */
import { type LanguageId, languageOf } from '../../index/languages';
import { meaningfulIdentifiers } from '../identifiers';
import type { HistoryHunk } from '../types';

export interface EditSignals {
  readonly hunk: HistoryHunk;
  /** 0 for the most recent hunk. */
  readonly age: number;
  /** Meaningful names in the code of the removed lines (see namesOf) and nowhere on the added lines. */
  readonly removed: readonly string[];
  /** Meaningful names in the code of the added lines and nowhere on the removed lines. */
  readonly added: readonly string[];
  /** Every meaningful name in the code of the removed lines. */
  readonly oldNames: readonly string[];
  /**
   * The old text the hunk changed, widened to whole words with one word of context on each side (e.g.
   * `should should` for a deleted duplicate word); undefined when the change is not within one line.
   */
  readonly oldFragment?: string;
  /** The matching new text (the fragment after the change). */
  readonly newFragment?: string;
}

export function editSignals(hunk: HistoryHunk, age: number): EditSignals {
  const language = languageOf(hunk.file);
  const oldAll = meaningfulIdentifiers(hunk.oldLines);
  const newAll = meaningfulIdentifiers(hunk.newLines);
  const oldNames = namesOf(hunk.oldLines, oldAll, language);
  const newNames = namesOf(hunk.newLines, newAll, language);
  // Named anywhere on the other side, even in a comment, a name was neither removed nor added.
  const newSet = new Set(newAll);
  const oldSet = new Set(oldAll);
  const fragments = changedFragment(hunk);
  return {
    hunk,
    age,
    removed: oldNames.filter((n) => !newSet.has(n)),
    added: newNames.filter((n) => !oldSet.has(n)),
    oldNames,
    ...fragments,
  };
}

/** A name written the way code names things (`HashMap`, `newHashMap`, `EMPTY_CONFIG`), not a word of prose. */
const CODE_SHAPED = /[a-z][A-Z]|[A-Za-z0-9]_[A-Za-z0-9]/;

/**
 * The meaningful names of some lines' code, and of the rest (`all`: every meaningful name of the lines) only those shaped like code: a
 * reworded doc comment's words (`methods`, `Note`) are no names the code uses, `ConfigFileNotFoundError`
 * in a comment is.
 */
function namesOf(lines: readonly string[], all: readonly string[], language: LanguageId | undefined): string[] {
  const code = meaningfulIdentifiers(withoutComments(lines, language));
  return [...new Set([...code, ...all.filter((n) => CODE_SHAPED.test(n))])];
}

const WORD = /[\w$]/;

/**
 * The changed part of a one-line-for-one-line change, widened to whole words, with the word (or symbol)
 * before it as context: `should should` for a doubled word removed, `Hello form` for a typo fixed.
 */
function changedFragment(h: HistoryHunk): { oldFragment?: string; newFragment?: string } {
  if (h.oldLines.length !== 1 || h.newLines.length !== 1) return {};
  const a = h.oldLines[0]!.trimEnd();
  const b = h.newLines[0]!.trimEnd();
  let p = 0;
  while (p < a.length && p < b.length && a[p] === b[p]) p++;
  let s = 0;
  while (s < a.length - p && s < b.length - p && a[a.length - 1 - s] === b[b.length - 1 - s]) s++;
  // A change that begins inside a word takes the whole word.
  let start = p;
  if (start > 0 && WORD.test(a[start - 1]!) && (p === a.length - s || WORD.test(a[p] ?? ''))) while (start > 0 && WORD.test(a[start - 1]!)) start--;
  let end = a.length - s;
  if (end > start && WORD.test(a[end - 1]!)) while (end < a.length && WORD.test(a[end]!)) end++;
  // One word (or one symbol) of context before the change.
  let left = start;
  while (left > 0 && a[left - 1] === ' ') left--;
  if (left > 0 && WORD.test(a[left - 1]!)) while (left > 0 && WORD.test(a[left - 1]!)) left--;
  else if (left > 0) left--;
  const oldFragment = a.slice(left, end).trim();
  const newFragment = b.slice(left, b.length - (a.length - end)).trim();
  if (!oldFragment || oldFragment === newFragment) return {};
  return { oldFragment, newFragment };
}

/**
 * Consecutive lines with their comments cut out (a block comment or docstring may span them; a line
 * inside a doc comment starts with `*`). Strings stay: `"//"` in one starts no comment. Languages the
 * index does not parse keep their lines whole: their comment syntax is unknown.
 */
export function withoutComments(lines: readonly string[], language: LanguageId | undefined): string[] {
  if (!language) return [...lines];
  const python = language === 'python';
  let block: string | undefined; // the closing mark of a comment or docstring left open on an earlier line
  return lines.map((line) => {
    let out = '';
    let i = 0;
    if (block === undefined && !python && /^\s*\*(\s|\/|$)/.test(line)) return '';
    while (i < line.length) {
      if (block !== undefined) {
        const end = line.indexOf(block, i);
        if (end < 0) return out;
        i = end + block.length;
        block = undefined;
        continue;
      }
      if (line.startsWith(python ? '#' : '//', i)) return out;
      const opened = python ? ['"""', "'''"].find((m) => line.startsWith(m, i)) : line.startsWith('/*', i) ? '*/' : undefined;
      if (opened) {
        block = opened;
        i += opened.length;
        continue;
      }
      const q = line[i]!;
      // Rust's `'a` is a lifetime, not a quote.
      if (q === '"' || (q === "'" && language !== 'rust') || q === '`') {
        let j = i + 1;
        while (j < line.length && line[j] !== q) j += line[j] === '\\' ? 2 : 1;
        out += line.slice(i, j + 1);
        i = j + 1;
        continue;
      }
      out += q;
      i++;
    }
    return out;
  });
}
