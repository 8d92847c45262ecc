/**
 * Decides what a link in an answer may do. Answers are model output, so an href is hostile until
 * proven otherwise: only http(s)/mailto open externally, workspace paths open the editor, anything
 * else (javascript:, data:, vbscript:, file:, protocol-relative, in-page anchors) does nothing.
 */
export type LinkTarget =
  | { readonly kind: 'external'; readonly url: string }
  | { readonly kind: 'location'; readonly path: string; readonly line?: number; readonly column?: number };

// Two characters at least: "C:" is a Windows drive, not a scheme.
const SCHEME = /^([a-z][a-z0-9+.-]+):/i;

export function classifyHref(href: string): LinkTarget | null {
  // Browsers ignore ASCII whitespace and control characters inside a scheme ("java\tscript:"): so do we.
  const compact = href.replace(/[\u0000-\u0020\u007f-\u009f\u200b-\u200f\u2028\u2029\ufeff]/g, '');
  if (!compact || compact.startsWith('#') || compact.startsWith('//') || compact.startsWith('\\')) return null;
  const scheme = SCHEME.exec(compact);
  if (scheme) {
    const s = scheme[1].toLowerCase();
    if (s !== 'http' && s !== 'https' && s !== 'mailto') return null;
    try {
      const url = new URL(compact);
      return url.protocol === `${s}:` ? { kind: 'external', url: url.href } : null;
    } catch {
      return null;
    }
  }
  return parseLocation(href.trim());
}

/** "src/a.ts", "./src/a.ts:12", "src/a.ts:12:4", "src/a.ts#L12", "src/a.ts#L12-L20", "src/a%20b.ts". */
export function parseLocation(text: string): LinkTarget | null {
  const m = /^(.+?)(?:#L(\d+)(?:C(\d+))?(?:-L?\d+)?|:(\d+)(?::(\d+))?(?:-\d+)?)?$/.exec(text);
  if (!m) return null;
  let path = m[1];
  try {
    path = decodeURIComponent(path);
  } catch {
    return null;
  }
  path = path.replace(/^\.\//, '');
  if (!path || /[\u0000-\u001f<>"|?*]/.test(path) || path.includes('#')) return null;
  // An encoded scheme ("%6A%61vascript:…") decodes to one: not a path. One letter is a Windows drive.
  if (/^[a-z][a-z0-9+.-]+:/i.test(path) || path.startsWith('//')) return null;
  const line = toPositive(m[2] ?? m[4]);
  const column = toPositive(m[3] ?? m[5]);
  return { kind: 'location', path, ...(line ? { line } : {}), ...(line && column ? { column } : {}) };
}

function toPositive(s: string | undefined): number | undefined {
  if (!s) return undefined;
  const n = Number(s);
  return Number.isSafeInteger(n) && n >= 1 ? n : undefined;
}
