/**
 * What Go text says about types, read lexically: the type a name is declared with (`x *pkg.T`,
 * `var x T`, `x := &T{…}`, `x, err := pkg.NewT(…)`, `x := y.(*T)`), a function's first result type,
 * a struct's field types and the types it embeds (whose methods it gets).
 */

/** A named type, with the package qualifier it was written with (`labels.Labels` → pkg labels). */
export interface GoTypeRef {
  readonly name: string;
  readonly pkg?: string;
}

/** What a declaration gives a name: a type, or the result of a call (resolved by the caller). */
export type GoDeclared = ({ readonly kind: 'type' } | { readonly kind: 'call' }) & GoTypeRef;

const ID = '[A-Za-z_]\\w*';
const QUALIFIED = `(?:(${ID})\\.)?(${ID})`;
const BUILTIN = new Set(['bool', 'string', 'int', 'int8', 'int16', 'int32', 'int64', 'uint', 'uint8', 'uint16', 'uint32', 'uint64', 'uintptr', 'byte', 'rune', 'float32', 'float64', 'complex64', 'complex128', 'error', 'any', 'interface', 'struct', 'func', 'map', 'chan']);

/** The last declaration of `name` in `text` (a Go file's text before or after the cursor). */
export function goDeclaredType(name: string, text: string): GoDeclared | undefined {
  const n = name.replace(/\$/g, '');
  const patterns: [RegExp, 'type' | 'call'][] = [
    // parameters, receivers, fields, var declarations: `(x *T`, `, x []pkg.T`, `var x T`, a field line
    [new RegExp(`(?:^|[(,]|\\bvar)[ \\t]*${n}(?:[ \\t]*,[ \\t]*${ID})*[ \\t]+[*\\[\\]]*${QUALIFIED}`, 'gm'), 'type'],
    // composite literals and conversions: `x := &T{`, `x = pkg.T{`
    [new RegExp(`\\b${n}(?:[ \\t]*,[ \\t]*${ID})*[ \\t]*:?=[ \\t]*&?${QUALIFIED}(?:\\[[^\\]\\n]*\\])?\\{`, 'g'), 'type'],
    // type assertions: `x := y.(*T)`, `x, ok := y.(pkg.T)`
    [new RegExp(`\\b${n}(?:[ \\t]*,[ \\t]*${ID})*[ \\t]*:?=[ \\t]*[\\w.]+\\.\\(\\*?${QUALIFIED}\\)`, 'g'), 'type'],
    // calls: `x := NewT(`, `x, err := pkg.NewT(`, `x := new(T)` (a type)
    [new RegExp(`\\b${n}(?:[ \\t]*,[ \\t]*${ID})*[ \\t]*:?=[ \\t]*&?${QUALIFIED}(?:\\[[^\\]\\n]*\\])?\\(`, 'g'), 'call'],
  ];
  let best: { at: number; found: GoDeclared } | undefined;
  for (const [re, kind] of patterns) {
    for (const m of text.matchAll(re)) {
      const pkg = m[1];
      const type = m[2]!;
      if (kind === 'type' && BUILTIN.has(type) && !pkg) continue;
      let found: GoDeclared = { kind, name: type, ...(pkg ? { pkg } : {}) };
      if (kind === 'call' && type === 'new' && !pkg) {
        const t = new RegExp(`^new\\(\\s*${QUALIFIED}`).exec(text.slice(m.index + m[0].length - 4));
        if (!t) continue;
        found = { kind: 'type', name: t[2]!, ...(t[1] ? { pkg: t[1] } : {}) };
      }
      if (!best || m.index >= best.at) best = { at: m.index, found };
    }
  }
  return best?.found;
}

/** The first result type of a `func` signature line (`func (r *R) Name(a A) (*T, error) {` → T). */
export function goResultType(signature: string): GoTypeRef | undefined {
  let s = signature.replace(/^\s*func\s*/, '');
  if (s.startsWith('(')) s = s.slice(closing(s, 0) + 1); // the receiver
  s = s.replace(/^\s*[A-Za-z_]\w*\s*/, '');
  if (s.startsWith('[')) s = s.slice(closing(s, 0) + 1); // type parameters
  if (!s.startsWith('(')) return undefined;
  const rest = s.slice(closing(s, 0) + 1);
  const m = new RegExp(`^\\s*\\(?\\s*(?:${ID}\\s+)?[*\\[\\]]*${QUALIFIED}`).exec(rest);
  if (!m || (BUILTIN.has(m[2]!) && !m[1])) return undefined;
  return { name: m[2]!, ...(m[1] ? { pkg: m[1] } : {}) };
}

/** Index of the bracket closing the one at `open` (or the end). */
function closing(s: string, open: number): number {
  const o = s[open]!;
  const c = o === '(' ? ')' : o === '[' ? ']' : '}';
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    if (s[i] === o) depth++;
    else if (s[i] === c && --depth === 0) return i;
  }
  return s.length - 1;
}

/** The body lines of a struct/interface declaration spanning `lines[start..end]` (between its braces). */
function bodyLines(lines: readonly string[], start: number, end: number): string[] {
  const out: string[] = [];
  let depth = 0;
  for (let i = start; i <= end && i < lines.length; i++) {
    const line = (lines[i] ?? '').replace(/\/\/.*$/, '').replace(/`[^`]*`/g, '');
    if (depth === 1) out.push(line);
    for (const ch of line) {
      if (ch === '{') depth++;
      else if (ch === '}') depth--;
    }
  }
  return out;
}

/** Types a struct or interface embeds (`*Base`, `pkg.Reader`, `sync.Mutex`): their methods are promoted. */
export function goEmbeddedTypes(lines: readonly string[], start: number, end: number): GoTypeRef[] {
  const out: GoTypeRef[] = [];
  for (const l of bodyLines(lines, start, end)) {
    const m = new RegExp(`^\\s*\\*?${QUALIFIED}\\s*(?:\\[[^\\]]*\\])?\\s*$`).exec(l);
    if (m && !BUILTIN.has(m[2]!)) out.push({ name: m[2]!, ...(m[1] ? { pkg: m[1] } : {}) });
  }
  return out;
}

/** The type of a struct's field `field` (`Field *pkg.T`, `A, Field T`), from the struct's lines. */
export function goFieldType(lines: readonly string[], start: number, end: number, field: string): GoTypeRef | undefined {
  const re = new RegExp(`^\\s*(?:${ID}\\s*,\\s*)*${field}(?:\\s*,\\s*${ID})*\\s+[*\\[\\]]*(?:map\\[[^\\]]*\\][*]?)?${QUALIFIED}`);
  for (const l of bodyLines(lines, start, end)) {
    const m = re.exec(l);
    if (m && !(BUILTIN.has(m[2]!) && !m[1])) return { name: m[2]!, ...(m[1] ? { pkg: m[1] } : {}) };
  }
  // An embedded type is a field named after it.
  return goEmbeddedTypes(lines, start, end).find((t) => t.name === field);
}
