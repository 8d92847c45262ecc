/**
 * Reads a code fence's info string: its language and the file it targets, so Apply knows where the
 * code goes. Accepts the shapes models write: "ts src/a.ts", "ts:src/a.ts", "ts title=src/a.ts",
 * "ts path=\"src/a.ts\"", "ts file=src/a.ts" and a bare "src/a.ts".
 */
export interface FenceInfo {
  readonly language: string | null;
  readonly path: string | null;
}

const LANG = /^[A-Za-z0-9_+#.-]{1,40}$/;
const PATHLIKE = /^[\w@~.\-/\\]+\.[A-Za-z0-9]{1,10}$/;

export function parseFenceInfo(info: string | undefined): FenceInfo {
  const raw = (info ?? '').trim();
  if (!raw) return { language: null, path: null };
  const keyed = /\b(?:title|path|file|filename)=(?:"([^"]+)"|'([^']+)'|(\S+))/.exec(raw);
  let path = keyed ? (keyed[1] ?? keyed[2] ?? keyed[3] ?? null) : null;
  const words = (keyed ? raw.replace(keyed[0], ' ') : raw).split(/\s+/).filter(Boolean);
  let first = words[0] ?? '';
  const colon = first.indexOf(':');
  if (colon > 0) {
    path ??= first.slice(colon + 1);
    first = first.slice(0, colon);
  }
  if (!path && words[1] && PATHLIKE.test(words[1])) path = words[1];
  // A bare file name as the info string: the language is its extension.
  if (!path && PATHLIKE.test(first) && !LANG_WITH_DOT.has(first.toLowerCase())) return { language: extensionOf(first), path: first };
  return { language: LANG.test(first) ? first.toLowerCase() : null, path: path && PATHLIKE.test(path) ? path : null };
}

/** Names that contain a dot yet are languages, not files. */
const LANG_WITH_DOT = new Set(['vb.net', 'asp.net']);

function extensionOf(path: string): string | null {
  const m = /\.([A-Za-z0-9]+)$/.exec(path);
  return m ? m[1].toLowerCase() : null;
}
