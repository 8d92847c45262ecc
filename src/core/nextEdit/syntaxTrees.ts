/**
 * One syntax tree per open document, kept between requests and re-parsed incrementally: the change
 * since the last parse (the span where the old and new texts differ) is applied to the old tree with
 * `tree.edit()` and the new text parsed with the old tree, so tree-sitter re-reads only the nodes
 * around the change — about a millisecond where a whole parse of a large file takes tens. Working from
 * the texts rather than from each LSP change coalesces all keystrokes since the last request into one
 * edit and holds whatever way the client syncs. Bounded: documents above `maxChars` are not kept (the
 * caller parses a window), and the least recently used trees are freed past `maxDocuments` or
 * `maxTotalChars`. Trees are WebAssembly memory: `close()` and `clear()` free them.
 */
import type { Language, Parser, Tree } from 'web-tree-sitter';
import { editBetween, treeEdit } from '../index/parse/textEdit';

export interface SyntaxTreesOptions {
  readonly maxDocuments: number;
  /** Largest document kept, in UTF-16 code units. */
  readonly maxChars: number;
  /** Most text held by all kept trees together. */
  readonly maxTotalChars: number;
}

export const DEFAULT_SYNTAX_TREES_OPTIONS: SyntaxTreesOptions = { maxDocuments: 16, maxChars: 1_000_000, maxTotalChars: 4_000_000 };

interface Kept {
  readonly language: Language;
  readonly text: string;
  readonly tree: Tree;
}

export class SyntaxTrees {
  private readonly options: SyntaxTreesOptions;
  /** In use order: the least recently used first. */
  private readonly kept = new Map<string, Kept>();
  private totalChars = 0;

  constructor(options: Partial<SyntaxTreesOptions> = {}) {
    this.options = { ...DEFAULT_SYNTAX_TREES_OPTIONS, ...options };
  }

  /**
   * The tree of `text` for the document `key`, parsed incrementally from the document's previous tree
   * when it has one in the same language; undefined for a document too large to keep. The tree stays
   * owned here (valid until the next call for the same key, close() or clear()): never delete it.
   */
  treeFor(key: string, parser: Parser, language: Language, text: string): Tree | undefined {
    const before = this.kept.get(key);
    if (before) this.drop(key);
    if (text.length > this.options.maxChars) {
      before?.tree.delete();
      return undefined;
    }
    let tree: Tree | null;
    parser.setLanguage(language);
    if (before && before.language === language) {
      if (before.text === text) {
        tree = before.tree;
      } else {
        before.tree.edit(treeEdit(before.text, text, editBetween(before.text, text)));
        tree = parser.parse(text, before.tree);
        before.tree.delete();
      }
    } else {
      before?.tree.delete();
      tree = parser.parse(text);
    }
    if (!tree) return undefined;
    this.kept.set(key, { language, text, tree });
    this.totalChars += text.length;
    this.evict(key);
    return tree;
  }

  /** Frees the document's tree (closed, or its language changed). */
  close(key: string): void {
    const k = this.kept.get(key);
    if (!k) return;
    this.drop(key);
    k.tree.delete();
  }

  clear(): void {
    for (const key of [...this.kept.keys()]) this.close(key);
  }

  /** Documents whose trees are kept, least recently used first. */
  keys(): string[] {
    return [...this.kept.keys()];
  }

  private drop(key: string): void {
    const k = this.kept.get(key);
    if (!k) return;
    this.kept.delete(key);
    this.totalChars -= k.text.length;
  }

  private evict(keep: string): void {
    for (const key of this.kept.keys()) {
      if (this.kept.size <= this.options.maxDocuments && this.totalChars <= this.options.maxTotalChars) return;
      if (key !== keep) this.close(key);
    }
  }
}
