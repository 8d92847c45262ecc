/**
 * The location engine as the server, the CLI and the bench run it: the syntax nodes around the cursor
 * (tree-sitter, the thread's shared runtime; without a grammar the region is grown by lines only), then
 * the model-free ranking of locateNextEdits. With SyntaxTrees and the document's text, the nodes come
 * from the document's kept tree, re-parsed incrementally; otherwise from a parse of a window around the
 * cursor; index lookups that hold between keystrokes come from a LocatorCache. Reports how long each step took.
 */
import type { TreeSitterRuntime } from '../index/parse/treeSitterRuntime';
import { type LocateInput, type LocateResult, locateNextEdits } from './locateNextEdit';
import { ancestorsInTree, ancestorsWith, grammarOf, type LineRange } from './syntaxAncestors';
import type { LocatorCache } from './locations/locatorCache';
import type { SyntaxTrees } from './syntaxTrees';

export interface LocateRequest extends Omit<LocateInput, 'ancestors'> {
  readonly languageId?: string;
  /** The document's text (what `lines` were split from): its tree is kept and re-parsed incrementally. */
  readonly text?: string;
}

export interface TimedLocateResult extends LocateResult {
  /** `phases`: syntax, then locateNextEdits' steps (context, each source, rank), in milliseconds. */
  readonly timings: { readonly syntaxMs: number; readonly locateMs: number; readonly phases: Readonly<Record<string, number>> };
}

export class NextEditLocator {
  private readonly trees: SyntaxTrees | undefined;
  private readonly cache: LocatorCache | undefined;

  /** `kept`: what a long-lived caller (the server) keeps between requests — documents' trees, index lookups. */
  constructor(
    private readonly runtime: () => Promise<TreeSitterRuntime> | undefined,
    kept: { readonly trees?: SyntaxTrees; readonly cache?: LocatorCache } = {},
  ) {
    this.trees = kept.trees;
    this.cache = kept.cache;
  }

  async locate(request: LocateRequest): Promise<TimedLocateResult> {
    const t0 = performance.now();
    const ancestors = await this.ancestors(request);
    const t1 = performance.now();
    const phases = new Map<string, number>([['syntax', t1 - t0]]);
    const result = locateNextEdits({ ...request, ancestors, ...(this.cache ? { cache: this.cache } : {}) }, phases);
    return { ...result, timings: { syntaxMs: t1 - t0, locateMs: performance.now() - t1, phases: Object.fromEntries(phases) } };
  }

  /**
   * Parses (or re-parses) the document's tree ahead of its first request, e.g. when it is opened, and
   * builds its lines' name map (`lines`: the document's split text, see LocatorCache.warmDocument).
   */
  async warm(file: string, languageId: string | undefined, text: string, lines?: readonly string[]): Promise<void> {
    if (lines) this.cache?.warmDocument(file, lines);
    const language = grammarOf(file, languageId);
    const runtime = language && this.trees && treeable(text) ? this.runtime() : undefined;
    if (!runtime || !language) return;
    const rt = await runtime;
    const loaded = await rt.language(language);
    this.trees!.treeFor(file, rt.parser, loaded.language, text);
  }

  /** Frees what is kept for a closed document. */
  forget(file: string): void {
    this.trees?.close(file);
  }

  private async ancestors(request: LocateRequest): Promise<LineRange[]> {
    const language = grammarOf(request.file, request.languageId);
    const runtime = language ? this.runtime() : undefined;
    if (!runtime || !language) return [];
    try {
      const rt = await runtime;
      const loaded = await rt.language(language);
      // Parsing and reading the tree happen without an await in between: the parser is shared.
      if (this.trees && request.text !== undefined && treeable(request.text)) {
        const tree = this.trees.treeFor(request.file, rt.parser, loaded.language, request.text);
        if (tree) return ancestorsInTree(tree, request.lines, request.cursor);
      }
      return ancestorsWith(rt, loaded.language, request.lines, request.cursor);
    } catch {
      return []; // no grammar here: lines only
    }
  }
}

/** Tree rows count \n only; a document with lone \r line breaks (other lines than documentLines') gets the window parse. */
function treeable(text: string): boolean {
  return !text.includes('\r') || !/\r(?!\n)/.test(text);
}
