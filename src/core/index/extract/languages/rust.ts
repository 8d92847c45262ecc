/** Rust: items, methods inside impl/trait blocks (owned by the impl's type), `use` and `mod x;`. */
import type { Node } from 'web-tree-sitter';
import type { ImportInfo, SymbolKind } from '../../model';
import type { Captures, Definition, LanguageSpec } from '../languageSpec';

export const rustSpec: LanguageSpec = {
  query: `
(function_item name: (identifier) @name) @definition.function
(function_signature_item name: (identifier) @name) @definition.method
(struct_item name: (type_identifier) @name) @definition.struct
(union_item name: (type_identifier) @name) @definition.struct
(enum_item name: (type_identifier) @name) @definition.enum
(trait_item name: (type_identifier) @name) @definition.trait
(type_item name: (type_identifier) @name) @definition.type
(const_item name: (identifier) @name) @definition.constant
(static_item name: (identifier) @name) @definition.constant
(macro_definition name: (identifier) @name) @definition.macro
(mod_item name: (identifier) @name) @definition.module
(impl_item type: (_) @name) @definition.impl
(use_declaration) @import
(mod_item !body) @import
`,
  memberContainers: ['impl', 'trait'],
  definition(kind: SymbolKind, c: Captures): Definition | undefined {
    const node = c.get(`definition.${kind}`);
    const nameNode = c.get('name');
    if (!node || !nameNode) return undefined;
    // `impl<T> Trait for Vec<T>` is owned by the type: keep the last path segment without generics.
    const name = kind === 'impl' ? nameNode.text.replace(/<.*$/s, '').split('::').pop()!.trim() : nameNode.text;
    return { name, kind, node, nameNode };
  },
  imports(node: Node): ImportInfo[] {
    const line = node.startPosition.row;
    if (node.type === 'mod_item') {
      const name = node.childForFieldName('name');
      return name ? [{ source: name.text, line, flavor: 'mod' }] : [];
    }
    const arg = node.childForFieldName('argument');
    if (!arg) return [];
    return expandUse(arg.text.replace(/\s*::\s*/g, '::').replace(/\s+/g, ' ')).map((source) => ({ source, line }));
  },
};

/** `a::{b, c::d}` → ["a::b", "a::c::d"]; aliases dropped. */
export function expandUse(text: string): string[] {
  const brace = text.indexOf('{');
  if (brace < 0) return [text.replace(/\s+as\s+\w+$/, '').trim()];
  const prefix = text.slice(0, brace);
  const inner = text.slice(brace + 1, text.lastIndexOf('}'));
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i <= inner.length; i++) {
    const ch = inner[i];
    if (ch === '{') depth++;
    else if (ch === '}') depth--;
    else if ((ch === ',' || i === inner.length) && depth === 0) {
      const part = inner.slice(start, i).trim();
      if (part) parts.push(part);
      start = i + 1;
    }
  }
  return parts.flatMap((p) => (p === 'self' ? [prefix.replace(/::$/, '')] : expandUse(prefix + p)));
}
