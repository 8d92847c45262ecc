/**
 * The languages the index parses with tree-sitter, and how a file maps onto one. Everything else that
 * passes the scanner is indexed as plain text (chunks only).
 */
export type LanguageId = 'typescript' | 'tsx' | 'javascript' | 'python' | 'java' | 'go' | 'rust' | 'c' | 'cpp' | 'csharp';

/** Grammar .wasm file name per language, as shipped in dist/grammars (see esbuild.mjs GRAMMARS). */
export const GRAMMAR_FILES: Readonly<Record<LanguageId, string>> = {
  typescript: 'tree-sitter-typescript.wasm',
  tsx: 'tree-sitter-tsx.wasm',
  javascript: 'tree-sitter-javascript.wasm',
  python: 'tree-sitter-python.wasm',
  java: 'tree-sitter-java.wasm',
  go: 'tree-sitter-go.wasm',
  rust: 'tree-sitter-rust.wasm',
  c: 'tree-sitter-c.wasm',
  cpp: 'tree-sitter-cpp.wasm',
  csharp: 'tree-sitter-c_sharp.wasm',
};

/** npm package + file of each grammar, for running from source (tests, bench) without dist/grammars. */
export const GRAMMAR_PACKAGES: Readonly<Record<LanguageId, string>> = {
  typescript: 'tree-sitter-typescript/tree-sitter-typescript.wasm',
  tsx: 'tree-sitter-typescript/tree-sitter-tsx.wasm',
  javascript: 'tree-sitter-javascript/tree-sitter-javascript.wasm',
  python: 'tree-sitter-python/tree-sitter-python.wasm',
  java: 'tree-sitter-java/tree-sitter-java.wasm',
  go: 'tree-sitter-go/tree-sitter-go.wasm',
  rust: 'tree-sitter-rust/tree-sitter-rust.wasm',
  c: 'tree-sitter-c/tree-sitter-c.wasm',
  cpp: 'tree-sitter-cpp/tree-sitter-cpp.wasm',
  csharp: 'tree-sitter-c-sharp/tree-sitter-c_sharp.wasm',
};

const BY_EXTENSION: Readonly<Record<string, LanguageId>> = {
  '.ts': 'typescript', '.mts': 'typescript', '.cts': 'typescript',
  '.tsx': 'tsx',
  '.js': 'javascript', '.jsx': 'javascript', '.mjs': 'javascript', '.cjs': 'javascript',
  '.py': 'python', '.pyi': 'python',
  '.java': 'java',
  '.go': 'go',
  '.rs': 'rust',
  '.c': 'c', '.h': 'c',
  '.cc': 'cpp', '.cpp': 'cpp', '.cxx': 'cpp', '.c++': 'cpp', '.hh': 'cpp', '.hpp': 'cpp', '.hxx': 'cpp', '.h++': 'cpp', '.ipp': 'cpp',
  '.cs': 'csharp',
};

/** The tree-sitter language of a path, or undefined for text-only files. */
export function languageOf(filePath: string): LanguageId | undefined {
  const dot = filePath.lastIndexOf('.');
  if (dot < 0 || dot < filePath.lastIndexOf('/')) return undefined;
  return BY_EXTENSION[filePath.slice(dot).toLowerCase()];
}

/** Display name for statistics: the tree-sitter language, or the file extension for text-only files. */
export function languageLabel(filePath: string, language: LanguageId | undefined): string {
  if (language) return language;
  const base = filePath.slice(filePath.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : 'text';
}
