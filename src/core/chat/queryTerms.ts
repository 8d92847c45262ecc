/**
 * Turns a chat question into code-search terms. Identifiers the user typed (`UserService`,
 * `parse_config`, `a.b.c`) matter most and are kept whole; their camelCase/snake_case parts and the
 * plain words become keywords. Chinese, Japanese and Korean text has no spaces and no shared
 * vocabulary with code, so only the Latin identifiers inside it are taken; `needsModelTerms` tells
 * the caller to let the chat model translate the question into search terms (see modelQueryTerms.ts).
 */
import { tokenize } from '../index/search/tokenizer';

export interface QueryTerms {
  /** Identifiers as written (case kept), e.g. `UserService`, `parse_config`. Most specific first. */
  readonly identifiers: readonly string[];
  /** Lower-cased search tokens (identifier parts and plain words), stop words removed. */
  readonly keywords: readonly string[];
  /** The question is mostly CJK text. */
  readonly cjk: boolean;
}

/** English words that say nothing about which code is meant. */
const QUESTION_STOP = new Set(
  (
    'what where which who whom whose why how when does did do done is are was were be been being has have had can could should would ' +
    'will shall may might must please explain show tell me my our your you we they them this that these those there here about into ' +
    'from with without for of in on at by to the a an and or not no yes it its work works working use used uses using call called calls ' +
    'code file files function functions method methods class classes find defined define definition implement implemented implementation ' +
    'mean means meaning happen happens write make get some any all each other than then also just like need want know help thing things'
  ).split(' '),
);

const CJK = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]/g;
/** An identifier-looking token: has an inner capital, an underscore, a dot path, or parentheses after it. */
const IDENT = /[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*(?:\(\))?/g;

export function queryTerms(question: string): QueryTerms {
  const cjkChars = (question.match(CJK) ?? []).length;
  // A CJK character carries about as much as a Latin word.
  const latinWords = (question.match(/[A-Za-z][A-Za-z0-9_$]*/g) ?? []).length;
  const cjk = cjkChars > 0 && cjkChars >= latinWords;

  const identifiers: string[] = [];
  const seenIdent = new Set<string>();
  for (const m of question.matchAll(IDENT)) {
    const parts = m[0].replace(/\(\)$/, '').split('.');
    // `userService.ts`: a file name; its extension names no code.
    if (parts.length > 1 && /^[a-z]{1,4}$/.test(parts[parts.length - 1]!)) parts.pop();
    for (const part of parts) {
      if (part.length < 2 || seenIdent.has(part)) continue;
      const codeLike = /[a-z][A-Z]|[A-Z]{2,}[a-z]|_|\$/.test(part) || /^[A-Z][a-z]+[A-Z]/.test(part) || m[0].endsWith('()') || m[0].includes('.');
      // In CJK text any Latin word was typed on purpose: it names code.
      if (codeLike || (cjk && !QUESTION_STOP.has(part.toLowerCase()))) {
        seenIdent.add(part);
        identifiers.push(part);
      }
    }
  }
  // Backquoted names are identifiers whatever their shape.
  for (const m of question.matchAll(/`([^`\n]{2,80})`/g)) {
    for (const part of m[1]!.split(/[^\w$]+/)) if (part.length >= 2 && /^[A-Za-z_$]/.test(part) && !seenIdent.has(part)) (seenIdent.add(part), identifiers.push(part));
  }

  const keywords: string[] = [];
  const seenKw = new Set<string>();
  for (const t of tokenize(question.replace(CJK, ' '))) {
    if (QUESTION_STOP.has(t) || seenKw.has(t)) continue;
    seenKw.add(t);
    keywords.push(t);
  }
  identifiers.sort((a, b) => specificity(b) - specificity(a));
  return { identifiers, keywords, cjk };
}

/** Longer and mixed-case names are rarer in code, so they say more. */
function specificity(ident: string): number {
  return ident.length + (/[a-z][A-Z]|_/.test(ident) ? 10 : 0);
}

/** A CJK question names too little code by itself: ask the model for English search terms. */
export function needsModelTerms(q: QueryTerms): boolean {
  return q.cjk && q.identifiers.length < 2;
}
