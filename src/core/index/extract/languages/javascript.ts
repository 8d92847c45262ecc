/** JavaScript (and JSX): the script patterns plus classes, whose name is a plain identifier here, and members assigned whatever their value. */
import type { LanguageSpec } from '../languageSpec';
import { JS_TOP_LEVEL_PATTERNS, SCRIPT_PATTERNS, scriptDefinition, scriptImports } from './typescript';

export const javascriptSpec: LanguageSpec = {
  query: `${SCRIPT_PATTERNS}
(class_declaration name: (identifier) @name) @definition.class
`,
  topLevelConstants: true,
  topLevelQuery: JS_TOP_LEVEL_PATTERNS,
  definition: scriptDefinition,
  imports: scriptImports,
};
