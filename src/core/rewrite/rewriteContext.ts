/**
 * Gathers what a rewrite prompt is grounded in: the file's conventions, the enclosing function or
 * class (tree-sitter over the current text) and the definitions the selection uses (the index, when
 * there is one). Context is a help, never a requirement: a parse failure leaves the scope out.
 */
import type { Logger } from '../logging/logger';
import type { TreeSitterRuntime } from '../index/parse/treeSitterRuntime';
import { fileConventions } from './conventions';
import { definitionsUsed, type DefinitionSource } from './definitionsUsed';
import { definitionsIn, innermostScope } from './enclosingScope';
import { isCursor, type RewriteContext, type RewriteInput, textOfRange } from './rewritePrompt';

export interface ContextSources {
  /** Absolute path of the document (undefined for an unsaved one). */
  readonly filePath?: string;
  readonly languageId?: string;
  readonly parser?: Promise<TreeSitterRuntime>;
  readonly index?: DefinitionSource;
  readonly logger?: Logger;
}

export async function gatherRewriteContext(input: RewriteInput, sources: ContextSources): Promise<RewriteContext> {
  const conventions = fileConventions(input.text, sources.languageId);
  let scope: RewriteContext['scope'];
  if (sources.filePath && sources.parser) {
    try {
      scope = innermostScope(await definitionsIn(await sources.parser, sources.filePath, input.text), input.range);
    } catch (err) {
      sources.logger?.warn(`Rewrite: the enclosing function could not be found (${err instanceof Error ? err.message : String(err)}); continuing without it`);
    }
  }
  let definitions: RewriteContext['definitions'];
  if (sources.filePath && sources.index) {
    const lines = input.text.split(/\r\n|\r|\n/);
    // At the cursor, the code around it tells what the new code will use.
    const around = isCursor(input.range)
      ? lines.slice(Math.max(0, input.range.start.line - 10), input.range.start.line + 10).join('\n')
      : textOfRange(lines, input.range);
    const excluded = scope ?? { startLine: input.range.start.line, endLine: input.range.end.line };
    definitions = definitionsUsed(sources.index, sources.filePath, around, excluded);
  }
  return { conventions, ...(scope ? { scope } : {}), ...(definitions ? { definitions } : {}) };
}
