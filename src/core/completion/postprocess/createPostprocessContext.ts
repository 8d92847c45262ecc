import { detectIndentUnit } from '../text/indentation';
import { lineSuffixOf, linePrefixOf } from '../text/splitCursorLine';
import type { PostprocessContext } from './types';

export interface PostprocessContextInput {
  prefix: string;
  suffix: string;
  languageId: string;
  multiline: boolean;
  /** The editor's setting when known; otherwise detected from the text around the cursor. */
  indentUnit?: string;
  tabSize?: number;
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
  };
}
