/**
 * What code like this writes next: in the similar snippets (other files' code that looks like the
 * lines before the cursor), the identifiers that follow the same few tokens the cursor follows
 * (`extends core.` → `core.$ZodType`, `util.` → `util.stringifyPrimitive`). Their definitions are
 * likely what the user is about to type, even when nothing in this file names them yet.
 */
const IDENT = '[A-Za-z_$][\\w$]*';
const TOKEN = /[A-Za-z_$][\w$]*|[^\s\w$]/g;

export interface SimilarUse {
  readonly name: string;
  /** 0 for the most similar snippet, 1 for the next… */
  readonly rank: number;
  /** How many tokens before the cursor matched (1–3); more is stronger evidence. */
  readonly matched: number;
}

/** Identifiers following the cursor's last 1–3 tokens in `texts` (best snippets first). */
export function similarUses(linePrefix: string, partial: string, texts: readonly string[]): SimilarUse[] {
  const before = linePrefix.slice(0, linePrefix.length - partial.length);
  const tokens = before.match(TOKEN) ?? [];
  const out: SimilarUse[] = [];
  const seen = new Set<string>();
  for (let n = Math.min(3, tokens.length); n >= 1; n--) {
    const tail = tokens.slice(tokens.length - n);
    if (n === 1 && /^[^\w$]$/.test(tail[0]!) && !/^[.:>]$/.test(tail[0]!)) break; // a lone `(` or `,` says nothing
    const pattern = tail.map((t) => (/^[\w$]/.test(t) ? `(?<![\\w$])${escape(t)}` : escape(t))).join('\\s*');
    const re = new RegExp(`${pattern}\\s*(${IDENT})`, 'g');
    texts.forEach((text, rank) => {
      for (const m of text.matchAll(re)) {
        const name = m[1]!;
        if (partial && !name.startsWith(partial)) continue;
        const key = `${name}\0${rank}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push({ name, rank, matched: n });
      }
    });
  }
  return out;
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
