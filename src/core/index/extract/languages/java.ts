/** Java: types, methods and constructors, static final fields, the package, imports (single, wildcard, static). */
import type { Node } from 'web-tree-sitter';
import type { ImportInfo, SymbolKind } from '../../model';
import type { Captures, Definition, LanguageSpec } from '../languageSpec';

export const javaSpec: LanguageSpec = {
  query: `
(class_declaration name: (identifier) @name) @definition.class
(record_declaration name: (identifier) @name) @definition.class
(interface_declaration name: (identifier) @name) @definition.interface
(annotation_type_declaration name: (identifier) @name) @definition.interface
(enum_declaration name: (identifier) @name) @definition.enum
(method_declaration name: (identifier) @name) @definition.method
(constructor_declaration name: (identifier) @name) @definition.method
(field_declaration (modifiers) @modifiers declarator: (variable_declarator name: (identifier) @name)) @definition.constant
(constant_declaration declarator: (variable_declarator name: (identifier) @name)) @definition.constant
(package_declaration [(scoped_identifier) (identifier)] @package)
(import_declaration) @import
`,
  /** Fields are constants when `static final` (an interface's fields always are). */
  definition(kind: SymbolKind, c: Captures): Definition | undefined {
    const node = c.get(`definition.${kind}`);
    const nameNode = c.get('name');
    if (!node || !nameNode) return undefined;
    const modifiers = c.get('modifiers')?.text;
    if (kind === 'constant' && modifiers !== undefined && !(/\bstatic\b/.test(modifiers) && /\bfinal\b/.test(modifiers))) return undefined;
    return { name: nameNode.text, kind, node, nameNode };
  },
  imports(node: Node): ImportInfo[] {
    const m = /^import\s+(static\s+)?([\w.$]+?)(\.\*)?\s*;?$/.exec(node.text.replace(/\s+/g, ' ').trim());
    if (!m) return [];
    const flavor = m[3] ? 'wildcard' : m[1] ? 'static' : undefined;
    return [{ source: m[2]!, line: node.startPosition.row, ...(flavor ? { flavor } : {}) }];
  },
};
