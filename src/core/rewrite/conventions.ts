/**
 * The file's conventions the model should follow (and the edit engine restores anyway): indentation
 * unit, line ending, language. Told to the model so its answer needs as little repair as possible.
 */
import { detectIndentStyle } from '../edit/indentation';
import { detectEol, type Eol } from '../edit/textLines';

export interface FileConventions {
  /** One indentation level as written in the file: '\t' or N spaces. */
  readonly indentUnit: string;
  readonly eol: Eol;
  /** VS Code language id (`typescript`, `python`…), or 'plaintext'. */
  readonly languageId: string;
}

export function fileConventions(text: string, languageId: string | undefined): FileConventions {
  const style = detectIndentStyle(text.split(/\r?\n/));
  const indentUnit = style?.kind === 'tabs' ? '\t' : ' '.repeat(style?.unit ?? 2);
  return { indentUnit, eol: detectEol(text), languageId: languageId || 'plaintext' };
}

/** One line for the prompt, e.g. "indent with 2 spaces, LF line endings, language typescript". */
export function describeConventions(c: FileConventions): string {
  const indent = c.indentUnit === '\t' ? 'tabs' : `${c.indentUnit.length} spaces`;
  return `indent with ${indent}, ${c.eol === '\r\n' ? 'CRLF' : 'LF'} line endings, language ${c.languageId}`;
}
