/** TypeScript, TSX and JavaScript: one spec (the JavaScript grammar lacks the type-only patterns, see javascript.ts). */
import type { Node } from 'web-tree-sitter';
import type { ImportInfo, SymbolKind } from '../../model';
import { type Captures, type Definition, type LanguageSpec, unquote } from '../languageSpec';

/** Patterns valid in the JavaScript grammar as well as in TypeScript/TSX. */
export const SCRIPT_PATTERNS = `
(function_declaration name: (identifier) @name) @definition.function
(generator_function_declaration name: (identifier) @name) @definition.function
(method_definition name: [(property_identifier) (private_property_identifier)] @name) @definition.method
(pair key: (property_identifier) @name value: [(function_expression) (arrow_function) (generator_function)]) @definition.method
(lexical_declaration (variable_declarator name: (identifier) @name value: (_) @value)) @definition.constant
(variable_declaration (variable_declarator name: (identifier) @name value: (_) @value)) @definition.constant
(import_statement (import_clause)? @clause source: (string) @source) @import
(export_statement (export_clause)? @clause source: (string) @source) @import
(call_expression function: (identifier) @_require arguments: (arguments . (string) @source .) (#eq? @_require "require")) @import
(call_expression function: (import) arguments: (arguments . (string) @source)) @import
`;

/**
 * Functions assigned to properties at the top of the file (see assignedDefinition). Deep inside
 * function bodies the same shape is mostly objects being set up (`inst.check = () => …` in every zod
 * schema constructor): matching it there cost +20 ms over the bench corpus and up to 0.8 ms per edit of
 * such a file, for no symbol.
 */
export const SCRIPT_TOP_LEVEL_PATTERNS = `
(assignment_expression left: (member_expression object: [(identifier) (member_expression)] @owner property: (property_identifier) @name) right: [(function_expression) (arrow_function) (generator_function)]) @definition.function
`;

/**
 * JavaScript's objects grow by assignment whatever the value (`res.locals = …`, `exports.Router =
 * Router`, `Foo.prototype.name = 'x'`): at the top of a JavaScript file every such assignment is a
 * member of its object (see assignedDefinition). TypeScript declares members instead.
 */
export const JS_TOP_LEVEL_PATTERNS = `
(assignment_expression left: (member_expression object: [(identifier) (member_expression)] @owner property: (property_identifier) @name) right: (_) @value) @definition.function
`;

export const TYPESCRIPT_PATTERNS = `
(class_declaration name: (type_identifier) @name) @definition.class
(abstract_class_declaration name: (type_identifier) @name) @definition.class
(interface_declaration name: (type_identifier) @name) @definition.interface
(type_alias_declaration name: (type_identifier) @name) @definition.type
(enum_declaration name: (identifier) @name) @definition.enum
(abstract_method_signature name: (property_identifier) @name) @definition.method
(method_signature name: (property_identifier) @name) @definition.method
(function_signature name: (identifier) @name) @definition.function
(internal_module name: [(identifier) (nested_identifier)] @name) @definition.module
(import_alias (identifier) @name) @import
`;

/** import/export/require nodes → ImportInfo, from the module (`@source`) and names (`@clause`) captured. Shared with javascript.ts. */
export function scriptImports(node: Node, captures: Captures): ImportInfo[] {
  const source = captures.get('source');
  if (!source) return [];
  const names: string[] = [];
  const clause = captures.get('clause');
  if (clause) collectImportNames(clause, names);
  return [{ source: unquote(source.text), line: node.startPosition.row, ...(names.length ? { names } : {}) }];
}

function collectImportNames(node: Node, out: string[]): void {
  for (const child of node.namedChildren) {
    if (!child) continue;
    if (child.type === 'identifier') out.push(child.text); // default import
    else if (child.type === 'import_specifier' || child.type === 'export_specifier') {
      const name = child.childForFieldName('name');
      if (name) out.push(name.text);
    } else if (child.type === 'named_imports' || child.type === 'namespace_import') collectImportNames(child, out);
  }
}

const FUNCTION_VALUES = new Set(['arrow_function', 'function_expression', 'function', 'generator_function']);
const SKIPPED_VALUES = new Set(['await_expression', 'yield_expression']);

/**
 * Top-level `const x = …` is a function, a class or a constant depending on its value;
 * `const x = require('y')` and `await import()` are imports, not definitions.
 */
export function scriptDefinition(kind: SymbolKind, c: Captures): Definition | undefined {
  const node = c.get(`definition.${kind}`);
  const nameNode = c.get('name');
  if (!node || !nameNode) return undefined;
  const owner = c.get('owner');
  const value = c.get('value');
  if (owner) return assignedDefinition(node, nameNode, owner, !value || FUNCTION_VALUES.has(value.type));
  if (kind === 'constant' && value) {
    if (SKIPPED_VALUES.has(value.type)) return undefined;
    if (/^require\s*\(/.test(value.text.slice(0, 12))) return undefined; // `require('y')`, `require('y').x`
    const refined: SymbolKind = FUNCTION_VALUES.has(value.type) ? 'function' : value.type === 'class' ? 'class' : 'constant';
    return { name: nameNode.text, kind: refined, node, nameNode };
  }
  // A method of an object literal belongs to what holds the object (see objectOwner).
  if (kind === 'method' && node.parent?.type === 'object') return { name: nameNode.text, kind, node, nameNode, container: objectOwner(node.parent) ?? ANONYMOUS_OBJECT };
  return { name: nameNode.text, kind, node, nameNode };
}

/** The container of an object literal's methods when nothing names the object (a call's argument…). */
export const ANONYMOUS_OBJECT = '{}';
const FUNCTION_NODES = new Set(['function_declaration', 'generator_function_declaration', 'method_definition', 'function_expression', 'function', 'arrow_function', 'generator_function']);
const OWNER_NAME = /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*$/;

/**
 * What an object literal is known by: the variable it initialises (`const proto = module.exports = {`
 * → proto), the target it is assigned to (`module.exports = {`, `Base.cursor = {`), the key it sits
 * under in an outer object (`owner.key`), or the function returning it (`createCommon()`).
 */
function objectOwner(object: Node): string | undefined {
  const p = object.parent;
  if (!p) return undefined;
  let owner: string | undefined;
  if (p.type === 'variable_declarator') owner = p.childForFieldName('name')?.text;
  else if (p.type === 'assignment_expression') {
    const declared = p.parent?.type === 'variable_declarator' ? p.parent.childForFieldName('name')?.text : undefined;
    owner = declared ?? p.childForFieldName('left')?.text;
  } else if (p.type === 'pair' && p.parent?.type === 'object') {
    const outer = objectOwner(p.parent);
    const key = p.childForFieldName('key')?.text;
    owner = outer && key ? `${outer}.${key}` : undefined;
  } else if (p.type === 'return_statement') {
    for (let f = p.parent; f; f = f.parent) {
      if (!FUNCTION_NODES.has(f.type)) continue;
      const name = f.type === 'function_declaration' || f.type === 'method_definition' || f.type === 'generator_function_declaration' ? f.childForFieldName('name')?.text : undefined;
      return name && OWNER_NAME.test(name) ? `${name}()` : undefined;
    }
  }
  return owner && OWNER_NAME.test(owner) ? owner : undefined;
}

const PROTOTYPE = '.prototype';
const PLAIN_NAME = /^[A-Za-z_$][\w$]*$/;

/**
 * A value assigned to a property at the top of the file, as CommonJS and pre-class code define things:
 * `exports.f = …` and `module.exports.f = …` are the module's functions (constants when not a
 * function), `Foo.prototype.m = …` a method of Foo, and `Foo.s = …` a static method of Foo (properties
 * when not a function).
 */
function assignedDefinition(node: Node, nameNode: Node, owner: Node, isFunction: boolean): Definition | undefined {
  const name = nameNode.text;
  const target = owner.text;
  if (target === 'exports' || target === 'module.exports') return { name, kind: isFunction ? 'function' : 'constant', node, nameNode };
  // `module.exports = …` names no member: what a module exports is read by commonJsModule.
  if (target === 'module' && name === 'exports') return undefined;
  const member: SymbolKind = isFunction ? 'method' : 'property';
  if (target.endsWith(PROTOTYPE)) {
    const type = target.slice(0, -PROTOTYPE.length);
    return PLAIN_NAME.test(type) ? { name, kind: member, node, nameNode, container: type } : undefined;
  }
  if (owner.type === 'identifier') return { name, kind: member, node, nameNode, container: target };
  return undefined;
}

export const typescriptSpec: LanguageSpec = {
  query: SCRIPT_PATTERNS + TYPESCRIPT_PATTERNS,
  topLevelConstants: true,
  topLevelQuery: SCRIPT_TOP_LEVEL_PATTERNS,
  definition: scriptDefinition,
  imports: scriptImports,
};
