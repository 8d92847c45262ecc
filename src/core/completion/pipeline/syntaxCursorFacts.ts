/**
 * Cursor facts for the single-/multi-line decision, and the post-processing filters' syntax checks,
 * from tree-sitter parses of the prompt's windows (a few KB around the cursor: about a millisecond,
 * where the whole file could take tens). Grammars load in the background on first use; until one is
 * ready (and for languages without a grammar) the engine falls back to the text rules.
 */
import type { Parser } from 'web-tree-sitter';
import { languageOf, type LanguageId } from '../../index/languages';
import { TreeSitterRuntime, type LoadedLanguage } from '../../index/parse/treeSitterRuntime';
import type { CursorFacts } from '../multiline/cursorFacts';
import { cursorFactsFromTree, type SyntaxNodeLike } from '../multiline/cursorFactsFromTree';
import { cursorInListAbove, type ParsedTree, treeSyntax } from '../postprocess/treeSyntax';
import type { PostprocessSyntax } from '../postprocess/types';
import type { CursorWindows } from './cursorWindows';
import type { CompletionInput } from './types';

const BY_LANGUAGE_ID: Readonly<Record<string, LanguageId>> = {
  typescript: 'typescript', typescriptreact: 'tsx', javascript: 'javascript', javascriptreact: 'javascript',
  python: 'python', java: 'java', go: 'go', rust: 'rust', c: 'c', cpp: 'cpp', csharp: 'csharp',
};

/** What one parse of the windows gives a request. */
export interface CompletionSyntax {
  readonly facts: CursorFacts;
  /** For the post-processing filters (they parse the structure around the cursor again with a candidate applied). */
  readonly postprocess: PostprocessSyntax;
}

export class SyntaxCursorFacts {
  private runtime: Promise<TreeSitterRuntime> | undefined;
  private parser: Parser | undefined;
  private readonly loaded = new Map<LanguageId, LoadedLanguage>();
  private readonly loading = new Set<LanguageId>();

  constructor(
    private readonly grammarsDir: string | undefined,
    private readonly onError: (err: unknown) => void = () => undefined,
  ) {}

  /** Facts from a parse of the windows, or undefined when no grammar is ready for the document. */
  factsFor(input: CompletionInput, windows: CursorWindows): CursorFacts | undefined {
    return this.syntaxFor(input, windows)?.facts;
  }

  /** Facts and the filters' syntax checks, or undefined when no grammar is ready for the document. */
  syntaxFor(input: CompletionInput, windows: CursorWindows): CompletionSyntax | undefined {
    const language = BY_LANGUAGE_ID[input.languageId] ?? (input.file ? languageOf(input.file) : undefined);
    if (!language) return undefined;
    const grammar = this.loaded.get(language);
    const parser = this.parser;
    if (!grammar || !parser) {
      this.load(language);
      return undefined;
    }
    // The parser is shared with other users of the thread's runtime: set the language at each parse.
    const parse = (text: string) => {
      parser.setLanguage(grammar.language);
      return (parser.parse(text) as unknown as ParsedTree | null) ?? undefined;
    };
    const text = windows.prefix + windows.suffix;
    const tree = parse(text);
    if (!tree) return undefined;
    try {
      const root = tree.rootNode as unknown as SyntaxNodeLike;
      const cursor = windows.prefix.length;
      return {
        facts: cursorFactsFromTree(root, text, cursor, input.languageId, input.tabSize),
        postprocess: treeSyntax(parse, input.text, input.offset, input.tabSize ?? 4, cursorInListAbove(root, text, cursor)),
      };
    } finally {
      tree.delete();
    }
  }

  /** Loads grammars now, so the first request in each language already gets syntax facts (`banyan eval`). */
  async prepare(languages: readonly LanguageId[]): Promise<void> {
    this.runtime ??= TreeSitterRuntime.shared(this.grammarsDir);
    const runtime = await this.runtime;
    this.parser ??= runtime.parser;
    for (const l of languages) if (!this.loaded.has(l)) this.loaded.set(l, await runtime.language(l));
  }

  private load(language: LanguageId): void {
    if (this.loading.has(language)) return;
    this.loading.add(language);
    this.runtime ??= TreeSitterRuntime.shared(this.grammarsDir);
    this.runtime
      .then(async (runtime) => {
        this.parser ??= runtime.parser;
        this.loaded.set(language, await runtime.language(language));
      })
      .catch((err: unknown) => this.onError(err));
  }
}
