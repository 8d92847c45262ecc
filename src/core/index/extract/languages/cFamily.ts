/**
 * Helpers shared by C and C++: a function's name sits deep inside its declarator
 * (`static const char *(*name)(int)`), so the query captures the declarator and this digs the name out.
 */
import type { Node } from 'web-tree-sitter';
import type { ImportInfo, SymbolKind } from '../../model';
import { type Captures, type Definition, unquote } from '../languageSpec';

const NAME_TYPES = new Set(['identifier', 'field_identifier', 'type_identifier', 'destructor_name', 'operator_name', 'qualified_identifier']);

/** The function_declarator inside a (possibly pointer/reference/parenthesized) declarator. */
function functionDeclarator(node: Node | null): Node | null {
  for (let n = node, depth = 0; n && depth < 8; depth++) {
    if (n.type === 'function_declarator') return n;
    n = n.childForFieldName('declarator') ?? n.namedChildren.find((c) => c?.type.endsWith('declarator')) ?? null;
  }
  return null;
}

export function cFunctionDefinition(kind: SymbolKind, c: Captures): Definition | undefined {
  const node = c.get(`definition.${kind}`);
  if (!node) return undefined;
  if (kind !== 'function') {
    const nameNode = c.get('name');
    return nameNode ? { name: nameNode.text, kind, node, nameNode } : undefined;
  }
  const declarator = functionDeclarator(c.get('declarator') ?? null);
  const nameNode = declarator?.childForFieldName('declarator');
  if (!nameNode || !NAME_TYPES.has(nameNode.type)) return undefined;
  if (nameNode.type === 'qualified_identifier') {
    // Foo::bar (out-of-class method definition): the scope owns it.
    const parts = nameNode.text.replace(/<[^<>]*>/g, '').split('::').map((p) => p.trim());
    const name = parts.pop()!;
    const container = parts.pop();
    return { name, kind: container ? 'method' : 'function', node, nameNode, ...(container ? { container } : {}) };
  }
  return { name: nameNode.text, kind, node, nameNode };
}

export function cIncludes(node: Node): ImportInfo[] {
  const path = node.childForFieldName('path');
  if (!path) return [];
  const system = path.type === 'system_lib_string';
  const source = system ? path.text.slice(1, -1) : unquote(path.text);
  return [{ source, line: node.startPosition.row, ...(system ? { flavor: 'system' as const } : {}) }];
}

export const C_PATTERNS = `
(function_definition declarator: (_) @declarator) @definition.function
(struct_specifier name: (type_identifier) @name body: (field_declaration_list)) @definition.struct
(union_specifier name: (type_identifier) @name body: (field_declaration_list)) @definition.struct
(enum_specifier name: (type_identifier) @name body: (enumerator_list)) @definition.enum
(type_definition declarator: (type_identifier) @name) @definition.type
(preproc_def name: (identifier) @name) @definition.constant
(preproc_function_def name: (identifier) @name) @definition.macro
(preproc_include) @import
`;
