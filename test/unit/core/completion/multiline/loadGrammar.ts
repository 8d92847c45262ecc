/** Loads real tree-sitter grammars for tests (the index owns parsing in production). */
import * as path from 'node:path';
import { Language, Parser } from 'web-tree-sitter';

const GRAMMARS: Record<string, [pkg: string, wasm: string]> = {
  typescript: ['tree-sitter-typescript', 'tree-sitter-typescript.wasm'],
  typescriptreact: ['tree-sitter-typescript', 'tree-sitter-tsx.wasm'],
  javascript: ['tree-sitter-javascript', 'tree-sitter-javascript.wasm'],
  javascriptreact: ['tree-sitter-javascript', 'tree-sitter-javascript.wasm'],
  python: ['tree-sitter-python', 'tree-sitter-python.wasm'],
  go: ['tree-sitter-go', 'tree-sitter-go.wasm'],
  rust: ['tree-sitter-rust', 'tree-sitter-rust.wasm'],
  java: ['tree-sitter-java', 'tree-sitter-java.wasm'],
};

let ready: Promise<void> | undefined;
const parsers = new Map<string, Parser>();

export function hasGrammar(languageId: string): boolean {
  return languageId in GRAMMARS;
}

export async function parserFor(languageId: string): Promise<Parser> {
  ready ??= Parser.init();
  await ready;
  let parser = parsers.get(languageId);
  if (!parser) {
    const [pkg, wasm] = GRAMMARS[languageId] ?? [];
    if (!pkg || !wasm) throw new Error(`no grammar for ${languageId} in tests`);
    parser = new Parser();
    parser.setLanguage(await Language.load(path.join(path.dirname(require.resolve(`${pkg}/package.json`)), wasm)));
    parsers.set(languageId, parser);
  }
  return parser;
}
