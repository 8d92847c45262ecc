/**
 * Turns file and line references in a rendered answer ("src/user.ts:12", `user.ts`) into links that
 * open the editor there. Code blocks are left alone (a path inside code is code); inline code that
 * is exactly a reference becomes a link as a whole.
 */
import { parseLocation } from './markdown/linkTarget';
import { markLink } from './markdown/markLink';

const EXT = 'ts|tsx|js|jsx|mjs|cjs|py|pyi|java|go|rs|c|h|cc|cpp|hpp|cs|rb|php|kt|kts|swift|scala|json|jsonc|ya?ml|toml|md|css|scss|less|html|vue|svelte|sh|sql|xml|gradle|txt|lua|dart|ex|exs|zig';
// A path needs a known extension; a bare word with a dot ("e.g.", "v1.2") is not a reference.
const REF = new RegExp(`(?<![\\w/.@-])((?:\\.{1,2}/)?(?:[\\w@.-]+/)*[\\w@-][\\w@.-]*\\.(?:${EXT}))(?::(\\d+)(?::(\\d+))?(?:-\\d+)?)?(?![\\w/])`, 'g');
const WHOLE = new RegExp(`^${REF.source}$`);

export function linkifyFileReferences(root: ParentNode): void {
  const doc = (root as Node).ownerDocument ?? document;
  for (const code of Array.from(root.querySelectorAll('code'))) {
    if (code.closest('pre, a')) continue;
    const text = code.textContent ?? '';
    if (!WHOLE.test(text)) continue;
    const target = parseLocation(text);
    if (target?.kind !== 'location') continue;
    const a = doc.createElement('a');
    a.className = 'file-ref';
    markLink(a, target);
    code.replaceWith(a);
    a.append(code);
  }
  const walker = doc.createTreeWalker(root as Node, 4 /* NodeFilter.SHOW_TEXT */);
  const texts: Text[] = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const parent = n.parentElement;
    if (parent && parent.closest('pre, code, a')) continue;
    if (REF.test(n.nodeValue ?? '')) texts.push(n as Text);
    REF.lastIndex = 0;
  }
  for (const t of texts) splitReferences(t, doc);
}

function splitReferences(node: Text, doc: Document): void {
  const text = node.nodeValue ?? '';
  const parts: Node[] = [];
  let last = 0;
  for (const m of text.matchAll(REF)) {
    const target = parseLocation(m[0]);
    if (target?.kind !== 'location') continue;
    if (m.index > last) parts.push(doc.createTextNode(text.slice(last, m.index)));
    const a = doc.createElement('a');
    a.className = 'file-ref';
    a.textContent = m[0];
    markLink(a, target);
    parts.push(a);
    last = m.index + m[0].length;
  }
  if (parts.length === 0) return;
  if (last < text.length) parts.push(doc.createTextNode(text.slice(last)));
  node.replaceWith(...parts);
}
