/** C#: types, members, namespaces and `using` directives. */
import type { Node } from 'web-tree-sitter';
import type { ImportInfo } from '../../model';
import type { LanguageSpec } from '../languageSpec';

export const csharpSpec: LanguageSpec = {
  query: `
(class_declaration name: (identifier) @name) @definition.class
(record_declaration name: (identifier) @name) @definition.class
(interface_declaration name: (identifier) @name) @definition.interface
(struct_declaration name: (identifier) @name) @definition.struct
(enum_declaration name: (identifier) @name) @definition.enum
(delegate_declaration name: (identifier) @name) @definition.type
(method_declaration name: (identifier) @name) @definition.method
(constructor_declaration name: (identifier) @name) @definition.method
(property_declaration name: (identifier) @name) @definition.property
(namespace_declaration name: (_) @package)
(file_scoped_namespace_declaration name: (_) @package)
(using_directive) @import
`,
  imports(node: Node): ImportInfo[] {
    const m = /^(?:global\s+)?using\s+(static\s+)?(?:\w+\s*=\s*)?([\w.]+)\s*;$/.exec(node.text.replace(/\s+/g, ' ').trim());
    return m ? [{ source: m[2]!, line: node.startPosition.row, ...(m[1] ? { flavor: 'static' as const } : {}) }] : [];
  },
};
