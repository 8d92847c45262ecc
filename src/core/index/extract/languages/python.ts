/** Python: functions (methods inside classes), classes, module-level constants (also under a module-level if/try), imports. */
import type { Node } from 'web-tree-sitter';
import type { ImportInfo } from '../../model';
import type { LanguageSpec } from '../languageSpec';

export const pythonSpec: LanguageSpec = {
  query: `
(function_definition name: (identifier) @name) @definition.function
(class_definition name: (identifier) @name) @definition.class
(expression_statement (assignment left: (identifier) @name)) @definition.constant
(import_statement) @import
(import_from_statement) @import
`,
  memberContainers: ['class'],
  topLevelConstants: true,
  // module → if/try → block → expression_statement
  topLevelDepth: 4,
  topLevelBlocks: ['block', 'if_statement', 'else_clause', 'elif_clause', 'try_statement', 'except_clause', 'finally_clause'],
  imports(node: Node): ImportInfo[] {
    const line = node.startPosition.row;
    if (node.type === 'import_statement') {
      // import a.b, c as d → one import per module
      return node.namedChildren.flatMap((c) => {
        if (!c) return [];
        const mod = c.type === 'aliased_import' ? c.childForFieldName('name') : c;
        return mod && mod.type === 'dotted_name' ? [{ source: mod.text, line }] : [];
      });
    }
    const module = node.childForFieldName('module_name');
    if (!module) return [];
    const names: string[] = [];
    for (const c of node.childrenForFieldName('name')) {
      if (!c) continue;
      const n = c.type === 'aliased_import' ? c.childForFieldName('name') : c;
      if (n) names.push(n.text);
    }
    if (node.namedChildren.some((c) => c?.type === 'wildcard_import')) names.push('*');
    return [{ source: module.text, line, ...(names.length ? { names } : {}) }];
  },
};
