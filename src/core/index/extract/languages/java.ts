/** Java: types, methods and constructors, the package, imports (single, wildcard, static). */
import type { Node } from 'web-tree-sitter';
import type { ImportInfo } from '../../model';
import type { LanguageSpec } from '../languageSpec';

export const javaSpec: LanguageSpec = {
  query: `
(class_declaration name: (identifier) @name) @definition.class
(record_declaration name: (identifier) @name) @definition.class
(interface_declaration name: (identifier) @name) @definition.interface
(annotation_type_declaration name: (identifier) @name) @definition.interface
(enum_declaration name: (identifier) @name) @definition.enum
(method_declaration name: (identifier) @name) @definition.method
(constructor_declaration name: (identifier) @name) @definition.method
(package_declaration [(scoped_identifier) (identifier)] @package)
(import_declaration) @import
`,
  imports(node: Node): ImportInfo[] {
    const m = /^import\s+(static\s+)?([\w.$]+?)(\.\*)?\s*;?$/.exec(node.text.replace(/\s+/g, ' ').trim());
    if (!m) return [];
    const flavor = m[3] ? 'wildcard' : m[1] ? 'static' : undefined;
    return [{ source: m[2]!, line: node.startPosition.row, ...(flavor ? { flavor } : {}) }];
  },
};
