/**
 * The few lexical facts the completion filters need per language: how comments and strings start,
 * and whether blocks are delimited by braces (so bracket balance says where a scope ends) or by
 * indentation alone (Python).
 */
export interface LanguageSyntax {
  lineComments: readonly string[];
  blockComment?: readonly [open: string, close: string];
  quotes: readonly string[];
  /** Rust and friends use `'` for lifetimes as well as char literals; only `'x'` and `'\n'` are literals. */
  singleQuoteIsCharLiteral: boolean;
  /** Blocks are delimited by `{` `}` (C family), so bracket balance bounds a scope. */
  braceBlocks: boolean;
}

const C_FAMILY: LanguageSyntax = {
  lineComments: ['//'],
  blockComment: ['/*', '*/'],
  quotes: ['"', "'", '`'],
  singleQuoteIsCharLiteral: false,
  braceBlocks: true,
};

const HASH_COMMENTS: LanguageSyntax = {
  lineComments: ['#'],
  quotes: ['"', "'"],
  singleQuoteIsCharLiteral: false,
  braceBlocks: false,
};

const BY_LANGUAGE: Record<string, LanguageSyntax> = {
  typescript: C_FAMILY,
  typescriptreact: C_FAMILY,
  javascript: C_FAMILY,
  javascriptreact: C_FAMILY,
  java: C_FAMILY,
  go: C_FAMILY,
  c: C_FAMILY,
  cpp: C_FAMILY,
  csharp: C_FAMILY,
  kotlin: C_FAMILY,
  scala: C_FAMILY,
  swift: C_FAMILY,
  dart: C_FAMILY,
  php: { ...C_FAMILY, lineComments: ['//', '#'] },
  rust: { ...C_FAMILY, quotes: ['"', "'"], singleQuoteIsCharLiteral: true },
  python: HASH_COMMENTS,
  ruby: HASH_COMMENTS,
  shellscript: HASH_COMMENTS,
  yaml: HASH_COMMENTS,
};

/** Unknown languages get C-like lexing (the most common) but no brace-scope assumption. */
const FALLBACK: LanguageSyntax = { ...C_FAMILY, braceBlocks: false };

export function languageSyntax(languageId: string): LanguageSyntax {
  return BY_LANGUAGE[languageId] ?? FALLBACK;
}
