/**
 * The work done per file, in a parse worker (or inline for a handful of files): read, reject binaries /
 * oversized / minified content, hash, and — unless the hash shows nothing changed — parse and extract.
 * Invalid UTF-8 is decoded with replacement characters rather than rejected.
 */
import { readFileSync, statSync } from 'node:fs';
import type { Tree } from 'web-tree-sitter';
import { lineStartsOf, tokenizeChunks } from '../extract/chunker';
import { extractFromTree, type PlacedFacts } from '../extract/fileExtractor';
import { type ChangedRange, incrementalExtract, rangesToRevisit, type TextEdit } from '../extract/incrementalExtract';
import { contentHash, finishExtract, type TreeExtract } from '../extract/finishExtract';
import { fileSummary } from '../extract/fileSummary';
import { languageOf } from '../languages';
import type { FileExtract, SkipReason } from '../model';
import { looksBinary, looksMinified } from '../scan/binaryDetection';
import { editBetween, treeEdit } from './textEdit';
import type { TreeSitterRuntime } from './treeSitterRuntime';

export interface FileTask {
  readonly path: string;
  /** The editor's text, which wins over the disk. */
  readonly text?: string;
  /** The file's times and size from the scan, when it just listed the file: saves a stat per file. */
  readonly stat?: FileStat;
  /** Hash recorded last time: when the content still has it, the result is `unchanged`. */
  readonly expectHash?: string;
  readonly maxBytes: number;
  /** `parse-only`: read and parse, nothing else (the bench's reference measurement). */
  readonly mode?: 'index' | 'parse-only';
  /**
   * false: only what needs the tree is done here; the receiver finishes the file (finishExtract, then
   * tokenizing) from the bytes sent back (result kind `extracted`). With few workers the main thread
   * has a core to spare and the workers are the bottleneck.
   */
  readonly tokenize?: boolean;
}

/**
 * What the index compares on the next scan to tell whether a file may have changed. ctime too: an edit
 * whose mtime was put back (touch -r, rsync -t, archive tools) still moves it.
 */
export interface FileStat {
  readonly size: number;
  readonly mtimeMs: number;
  readonly ctimeMs: number;
}

export type FileResult =
  | ({ readonly path: string; readonly kind: 'indexed'; readonly extract: FileExtract } & FileStat)
  | ({
      readonly path: string;
      readonly kind: 'extracted';
      readonly tree: TreeExtract;
      /** The content as UTF-8 (file bytes as read, or the editor's text encoded): transferred, not copied. */
      readonly bytes: Uint8Array;
      /** Set when computed here anyway (the task had an expectHash). */
      readonly hash?: string;
    } & FileStat)
  | ({ readonly path: string; readonly kind: 'unchanged'; readonly hash: string } & FileStat)
  | ({ readonly path: string; readonly kind: 'skipped'; readonly reason: SkipReason; readonly message?: string } & FileStat)
  | { readonly path: string; readonly kind: 'parsed' };

const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false });

/**
 * Trees of files the editor is changing, for incremental re-parsing, with the facts extracted from them
 * for incremental extraction (tiny LRU; keys: path).
 */
const recentTrees = new Map<string, { text: string; tree: Tree; facts?: PlacedFacts }>();
const RECENT_TREES = 8;

export async function processFile(runtime: TreeSitterRuntime, task: FileTask): Promise<FileResult> {
  let bytes: Uint8Array;
  let times = { mtimeMs: task.stat?.mtimeMs ?? 0, ctimeMs: task.stat?.ctimeMs ?? 0 };
  try {
    if (task.text !== undefined) {
      bytes = Buffer.from(task.text, 'utf8');
    } else {
      const st = task.stat ?? (task.mode === 'parse-only' ? undefined : statSync(task.path));
      if (st) {
        times = { mtimeMs: st.mtimeMs, ctimeMs: st.ctimeMs };
        if (st.size > task.maxBytes) return { path: task.path, kind: 'skipped', size: st.size, ...times, reason: 'too-large' };
      }
      bytes = readFileSync(task.path);
    }
  } catch (err) {
    return { path: task.path, kind: 'skipped', size: 0, ...times, reason: 'unreadable', message: err instanceof Error ? err.message : String(err) };
  }
  const size = bytes.length;
  const stamp: FileStat = { size, ...times };
  if (size > task.maxBytes) return { path: task.path, kind: 'skipped', ...stamp, reason: 'too-large' };
  const language = languageOf(task.path);
  if (task.mode === 'parse-only') {
    if (language && !looksBinary(bytes)) {
      const loaded = await runtime.language(language);
      runtime.parser.setLanguage(loaded.language);
      runtime.parser.parse(decoder.decode(bytes))?.delete();
    }
    return { path: task.path, kind: 'parsed' };
  }
  if (looksBinary(bytes)) return { path: task.path, kind: 'skipped', ...stamp, reason: 'binary' };
  const hash = task.expectHash !== undefined || task.tokenize !== false ? contentHash(bytes) : undefined;
  if (hash !== undefined && task.expectHash === hash) return { path: task.path, kind: 'unchanged', ...stamp, hash };
  const text = task.text ?? decoder.decode(bytes);
  const lineStarts = lineStartsOf(text);
  if (looksMinified(lineStarts)) return { path: task.path, kind: 'skipped', ...stamp, reason: 'minified' };

  const summary = fileSummary(text);
  let tree: TreeExtract = { language, lineCount: lineStarts.length - 1, ...(summary ? { summary } : {}), symbols: [], imports: [] };
  if (language) {
    const loaded = await runtime.language(language);
    runtime.parser.setLanguage(loaded.language);
    const { tree: parsed, reuse } = parseIncrementally(runtime, task, text);
    if (parsed) {
      try {
        const found = reuse
          ? incrementalExtract(loaded.spec, loaded.queries, parsed, text, lineStarts, reuse.facts, reuse.edit, reuse.changed)
          : extractFromTree(loaded.spec, loaded.queries, parsed, text, lineStarts);
        if (task.text !== undefined) {
          const kept = recentTrees.get(task.path);
          if (kept?.tree === parsed) kept.facts = found;
        }
        tree = {
          ...tree,
          symbols: found.symbols,
          imports: found.imports,
          ...(found.packageName ? { packageName: found.packageName } : {}),
          ...(found.hasErrors ? { hasErrors: true } : {}),
        };
      } finally {
        if (task.text === undefined) parsed.delete();
      }
    }
  }
  if (task.tokenize === false) {
    return { path: task.path, kind: 'extracted', ...stamp, tree, bytes: standalone(bytes), ...(hash ? { hash } : {}) };
  }
  const { extract, ranges } = finishExtract(tree, bytes, hash);
  return { path: task.path, kind: 'indexed', ...stamp, extract: { ...extract, chunks: tokenizeChunks(text, lineStarts, ranges) } };
}

/** What incremental extraction needs from the previous parse of an editor's file. */
interface Reuse {
  readonly facts: PlacedFacts;
  readonly edit: TextEdit;
  readonly changed: ChangedRange[];
}

/**
 * Editor text is re-parsed against the previous tree of the same file (edit found by common prefix and
 * suffix), which makes a keystroke in a large file cost a fraction of a full parse; with the facts
 * extracted from that tree, the edit and the ranges to revisit also allow incremental extraction.
 */
function parseIncrementally(
  runtime: TreeSitterRuntime,
  task: FileTask,
  text: string,
): { tree: Tree | null; reuse?: Reuse } {
  if (task.text === undefined) return { tree: runtime.parser.parse(text) };
  const previous = recentTrees.get(task.path);
  let tree: Tree | null;
  let reuse: Reuse | undefined;
  if (previous && previous.tree.language === runtime.parser.language) {
    const edit = editBetween(previous.text, text);
    previous.tree.edit(treeEdit(previous.text, text, edit));
    tree = runtime.parser.parse(text, previous.tree);
    if (tree && previous.facts) {
      // Where the structure may differ besides the edit itself (an unclosed brace reshapes what follows).
      reuse = { facts: previous.facts, edit, changed: rangesToRevisit(previous.tree, tree) };
    }
    previous.tree.delete();
    recentTrees.delete(task.path);
  } else {
    tree = runtime.parser.parse(text);
  }
  if (tree) {
    recentTrees.set(task.path, { text, tree });
    if (recentTrees.size > RECENT_TREES) {
      const [oldest] = recentTrees.keys();
      recentTrees.get(oldest!)!.tree.delete();
      recentTrees.delete(oldest!);
    }
  }
  return reuse ? { tree, reuse } : { tree };
}

/** Bytes that own their whole ArrayBuffer, so they can be transferred to another thread. */
function standalone(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer ? bytes : bytes.slice();
}
