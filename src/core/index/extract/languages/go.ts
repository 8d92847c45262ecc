/** Go: functions, methods (with their receiver type), interface methods, type declarations by shape, constants, imports. */
import type { Node } from 'web-tree-sitter';
import type { ImportInfo, SymbolKind } from '../../model';
import { type Captures, type Definition, type LanguageSpec, unquote } from '../languageSpec';

export const goSpec: LanguageSpec = {
  topLevelConstants: true,
  query: `
(function_declaration name: (identifier) @name) @definition.function
(method_declaration receiver: (parameter_list (parameter_declaration type: (_) @receiver)) name: (field_identifier) @name) @definition.method
(type_spec name: (type_identifier) @name type: (_) @shape) @definition.type
(type_alias name: (type_identifier) @name) @definition.type
(method_elem name: (field_identifier) @name) @definition.method
(const_declaration (const_spec name: (identifier) @name) @definition.constant)
(var_declaration (var_spec name: (identifier) @name) @definition.constant)
(package_clause (package_identifier) @package)
(import_spec) @import
`,
  definition(kind: SymbolKind, c: Captures): Definition | undefined {
    const node = c.get(`definition.${kind}`);
    const nameNode = c.get('name');
    if (!node || !nameNode) return undefined;
    if (kind === 'method' && !c.get('receiver')) return { name: nameNode.text, kind, node, nameNode }; // an interface's method: its interface owns it
    if (kind === 'method') {
      const receiver = c.get('receiver')?.text.replace(/[*\s]/g, '').replace(/\[.*$/, '');
      return { name: nameNode.text, kind, node, nameNode, ...(receiver ? { container: receiver } : {}) };
    }
    if (kind === 'type') {
      const shape = c.get('shape')?.type;
      const refined: SymbolKind = shape === 'struct_type' ? 'struct' : shape === 'interface_type' ? 'interface' : 'type';
      return { name: nameNode.text, kind: refined, node, nameNode };
    }
    return { name: nameNode.text, kind, node, nameNode };
  },
  imports(node: Node): ImportInfo[] {
    const path = node.childForFieldName('path');
    return path ? [{ source: unquote(path.text), line: node.startPosition.row }] : [];
  },
};
