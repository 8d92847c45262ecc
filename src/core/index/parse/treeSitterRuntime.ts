/**
 * web-tree-sitter in one thread: the runtime, one Parser, and each language's grammar and compiled
 * query, loaded on first use. Grammars come from `grammarsDir` (dist/grammars in the extension) or,
 * when running from source, from the per-language npm packages (their .wasm matches web-tree-sitter
 * 0.27's ABI; the tree-sitter-wasms bundle does not).
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { Language, Parser, Query } from 'web-tree-sitter';
import type { ExtractionQueries } from '../extract/fileExtractor';
import { LANGUAGE_SPECS } from '../extract/languageSpecs';
import type { LanguageSpec } from '../extract/languageSpec';
import { GRAMMAR_FILES, GRAMMAR_PACKAGES, type LanguageId } from '../languages';

/** Resolved at run time from node_modules (a variable, so bundlers leave the lookup alone). */
const RUNTIME_WASM_PACKAGE_PATH = 'web-tree-sitter/web-tree-sitter.wasm';

export interface LoadedLanguage {
  readonly language: Language;
  readonly queries: ExtractionQueries;
  readonly spec: LanguageSpec;
}

/** Shared runtimes of this thread, by grammars folder (see TreeSitterRuntime.shared). */
const sharedRuntimes = new Map<string, Promise<TreeSitterRuntime>>();

export class TreeSitterRuntime {
  private readonly loaded = new Map<LanguageId, Promise<LoadedLanguage>>();

  /**
   * The runtime this thread's users share (completion's cursor facts, rewrites, inline indexing), so
   * each grammar is loaded and compiled once. Safe to share because each use sets the parser's
   * language and parses without awaiting in between.
   */
  static shared(grammarsDir?: string): Promise<TreeSitterRuntime> {
    const key = grammarsDir ?? '';
    let p = sharedRuntimes.get(key);
    if (!p) {
      p = TreeSitterRuntime.create(grammarsDir);
      sharedRuntimes.set(key, p);
      p.catch(() => sharedRuntimes.delete(key)); // a failed start may be retried
    }
    return p;
  }

  private constructor(readonly parser: Parser, private readonly grammarsDir: string | undefined) {}

  static async create(grammarsDir?: string): Promise<TreeSitterRuntime> {
    const shipped = grammarsDir ? path.join(grammarsDir, 'web-tree-sitter.wasm') : undefined;
    // Bundled code cannot rely on web-tree-sitter finding its wasm beside itself: always say where it is.
    const runtimeWasm = shipped && existsSync(shipped) ? shipped : require.resolve(RUNTIME_WASM_PACKAGE_PATH);
    await Parser.init({ locateFile: () => runtimeWasm });
    return new TreeSitterRuntime(new Parser(), grammarsDir);
  }

  language(id: LanguageId): Promise<LoadedLanguage> {
    let p = this.loaded.get(id);
    if (!p) {
      p = this.load(id);
      this.loaded.set(id, p);
    }
    return p;
  }

  private async load(id: LanguageId): Promise<LoadedLanguage> {
    const language = await Language.load(this.grammarPath(id));
    const spec = LANGUAGE_SPECS[id];
    // Compiled when first extracted with: a thread that only walks trees (the next-edit locator, a
    // `banyan next-edit --locations` call) never pays for it (≈ 80–200 ms for TypeScript's on a loaded machine).
    let queries: ExtractionQueries | undefined;
    return {
      language,
      spec,
      get queries() {
        return (queries ??= compileQueries(language, spec));
      },
    };
  }

  private grammarPath(id: LanguageId): string {
    if (this.grammarsDir) {
      const shipped = path.join(this.grammarsDir, GRAMMAR_FILES[id]);
      if (existsSync(shipped)) return shipped;
    }
    return require.resolve(GRAMMAR_PACKAGES[id]);
  }
}

function compileQueries(language: Language, spec: LanguageSpec): ExtractionQueries {
  const query = new Query(language, spec.query);
  // Constant patterns move to the top-level query (see ExtractionQueries), compiled from their text alone.
  const topLevel: string[] = spec.topLevelQuery ? [spec.topLevelQuery] : [];
  for (let i = 0; spec.topLevelConstants && i < query.patternCount(); i++) {
    const pattern = spec.query.slice(query.startIndexForPattern(i), query.endIndexForPattern(i));
    if (!pattern.includes('@definition.constant')) continue;
    topLevel.push(pattern);
    query.disablePattern(i);
  }
  return { query, ...(topLevel.length ? { topLevel: new Query(language, topLevel.join('\n')) } : {}) };
}
