/** JavaScript (and JSX): the script patterns plus classes, whose name is a plain identifier here. */
import type { LanguageSpec } from '../languageSpec';
import { SCRIPT_PATTERNS, SCRIPT_TOP_LEVEL_PATTERNS, scriptDefinition, scriptImports } from './typescript';

export const javascriptSpec: LanguageSpec = {
  query: `${SCRIPT_PATTERNS}
(class_declaration name: (identifier) @name) @definition.class
`,
  topLevelConstants: true,
  topLevelQuery: SCRIPT_TOP_LEVEL_PATTERNS,
  definition: scriptDefinition,
  imports: scriptImports,
};
