/**
 * Just enough JSX lexing to tell whether the cursor is inside a tag (`<Name attr={…} │` or `</Name│`)
 * and where a suggestion ends that tag: its `>` or `/>` at the tag's own level, not one inside an
 * attribute's `{…}` (`onClick={() => …}`, `element={<Page />}`) or quotes. Approximate like
 * scanBrackets: no regex literals, template strings without nesting.
 */

/** Languages whose files may hold JSX (plain `.js` often does, with React). */
const JSX_LANGUAGES = new Set(['javascript', 'javascriptreact', 'typescriptreact']);

/** How far back the tag's `<` is looked for: a tag spread over many attribute lines fits easily. */
const LOOKBACK_CHARS = 2000;
/** Tag starts tried before giving up (each costs a scan to the cursor). */
const MAX_CANDIDATES = 16;

export interface TagEnd {
  /** Index in the suggestion of the `>`, or of the `/` of `/>`. */
  readonly index: number;
  readonly token: '>' | '/>';
}

export function mayHoldJsx(languageId: string): boolean {
  return JSX_LANGUAGES.has(languageId);
}

/**
 * The end, within `text` (the suggestion), of the JSX tag open at the cursor, given `before` (the
 * document up to the cursor). Undefined when the cursor is not inside a tag or the suggestion does
 * not end it.
 */
export function tagEndInSuggestion(before: string, text: string): TagEnd | undefined {
  const from = Math.max(0, before.length - LOOKBACK_CHARS);
  const combined = before.slice(from) + text;
  const cursor = before.length - from;
  let tried = 0;
  for (let lt = combined.lastIndexOf('<', cursor - 1); lt >= 0 && tried < MAX_CANDIDATES; lt = combined.lastIndexOf('<', lt - 1)) {
    if (!isTagStart(combined, lt)) continue;
    tried++;
    const end = scanTagEnd(combined, lt);
    if (end !== undefined && end.index < cursor) continue; // closed before the cursor: an earlier tag may hold the cursor
    return end === undefined ? undefined : { index: end.index - cursor, token: end.token };
  }
  return undefined;
}

/**
 * `<` opens a tag when a name, `/` or `>` (fragment) follows it at once and it does not directly
 * follow a name or a closing bracket (`foo<T>`, `a<b` are type arguments and comparisons).
 */
function isTagStart(text: string, lt: number): boolean {
  const next = text[lt + 1];
  if (next === undefined || !/[A-Za-z_$/>]/.test(next)) return false;
  const prev = text[lt - 1];
  return prev === undefined || !/[\w$)\].]/.test(prev);
}

/** The tag's end from its `<`: the first `>` or `/>` outside quotes and attribute braces. */
function scanTagEnd(text: string, lt: number): TagEnd | undefined {
  let depth = 0; // attribute expression braces
  let quote: string | null = null;
  for (let i = lt + 1; i < text.length; i++) {
    const ch = text[i]!;
    if (quote !== null) {
      if (ch === '\\' && depth > 0) i++;
      else if (ch === quote) quote = null;
      continue;
    }
    if (ch === '"' || ch === "'" || (ch === '`' && depth > 0)) quote = ch;
    else if (ch === '{') depth++;
    else if (ch === '}') depth = Math.max(0, depth - 1);
    else if (depth === 0 && ch === '>') return { index: i, token: '>' };
    else if (depth === 0 && ch === '/' && text[i + 1] === '>' && i > lt + 1) return { index: i, token: '/>' };
    else if (depth === 0 && ch === '<') return undefined; // another tag before this one ended: not a tag after all
  }
  return undefined;
}
