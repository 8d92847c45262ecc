import { detectIndentUnit } from '../text/indentation';
import { lineSuffixOf, linePrefixOf } from '../text/splitCursorLine';
import type { PostprocessContext, PostprocessSyntax } from './types';

export interface PostprocessContextInput {
  prefix: string;
  suffix: string;
  languageId: string;
  multiline: boolean;
  /** The editor's setting when known; otherwise detected from the text around the cursor. */
  indentUnit?: string;
  tabSize?: number;
  /** From a syntax tree of the same prefix and suffix (treeSyntax.ts), when a grammar is loaded. */
  syntax?: PostprocessSyntax;
}

/** Derives the cursor-line views once, so filters do not each re-split the document. */
export function createPostprocessContext(input: PostprocessContextInput): PostprocessContext {
  const prefix = input.prefix.replace(/\r\n/g, '\n');
  const suffix = input.suffix.replace(/\r\n/g, '\n');
  return {
    prefix,
    suffix,
    linePrefix: linePrefixOf(prefix),
    lineSuffix: lineSuffixOf(suffix),
    languageId: input.languageId,
    indentUnit: input.indentUnit ?? detectIndentUnit(prefix + suffix),
    tabSize: input.tabSize ?? 4,
    multiline: input.multiline,
    ...(input.syntax ? { syntax: input.syntax, listAbove: input.syntax.listAbove } : {}),
  };
}
