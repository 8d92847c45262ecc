/** C: functions (also inside ERROR regions that macros cause), structs, enums, typedefs, macros, includes. */
import type { LanguageSpec } from '../languageSpec';
import { C_PATTERNS, cFunctionDefinition, cIncludes } from './cFamily';

export const cSpec: LanguageSpec = {
  query: C_PATTERNS,
  definition: cFunctionDefinition,
  imports: cIncludes,
};
