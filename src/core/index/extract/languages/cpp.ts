/** C++: the C patterns plus classes, namespaces, aliases; methods defined inline or as `Foo::bar`. */
import type { LanguageSpec } from '../languageSpec';
import { C_PATTERNS, cFunctionDefinition, cIncludes } from './cFamily';

export const cppSpec: LanguageSpec = {
  query: `${C_PATTERNS}
(class_specifier name: (type_identifier) @name body: (field_declaration_list)) @definition.class
(namespace_definition name: (namespace_identifier) @name) @definition.module
(alias_declaration name: (type_identifier) @name) @definition.type
(field_declaration_list (declaration declarator: (function_declarator declarator: (field_identifier) @name)) @definition.method)
(field_declaration_list (field_declaration declarator: (function_declarator declarator: (field_identifier) @name)) @definition.method)
`,
  definition: cFunctionDefinition,
  imports: cIncludes,
  memberContainers: ['class', 'struct'],
};
