/**
 * The work done per file, in a parse worker (or inline for a handful of files): read, reject binaries /
 * oversized / minified content, hash, and — unless the hash shows nothing changed — parse and extract.
 * Invalid UTF-8 is decoded with replacement characters rather than rejected.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { Edit, type Tree } from 'web-tree-sitter';
import { chunkRanges, lineStartsOf, tokenizeChunks } from '../extract/chunker';
import { extractFromTree } from '../extract/fileExtractor';
import { fileSummary } from '../extract/fileSummary';
import { languageOf } from '../languages';
import type { ChunkRange, FileExtract, SkipReason, SymbolInfo } from '../model';
import { looksBinary, looksMinified } from '../scan/binaryDetection';
import type { TreeSitterRuntime } from './treeSitterRuntime';

export interface FileTask {
  readonly path: string;
  /** The editor's text, which wins over the disk. */
  readonly text?: string;
  /** Hash recorded last time: when the content still has it, the result is `unchanged`. */
  readonly expectHash?: string;
  readonly maxBytes: number;
  /** `parse-only`: read and parse, nothing else (the bench's reference measurement). */
  readonly mode?: 'index' | 'parse-only';
  /**
   * false: return chunk ranges and the text untokenized, for the receiver to tokenize. With few
   * workers the main thread has a core to spare and the workers are the bottleneck.
   */
  readonly tokenize?: boolean;
}

export type FileResult =
  | { readonly path: string; readonly kind: 'indexed'; readonly size: number; readonly mtimeMs: number; readonly extract: FileExtract }
  | { readonly path: string; readonly kind: 'unchanged'; readonly size: number; readonly mtimeMs: number; readonly hash: string }
  | { readonly path: string; readonly kind: 'skipped'; readonly size: number; readonly mtimeMs: number; readonly reason: SkipReason; readonly message?: string }
  | { readonly path: string; readonly kind: 'parsed' };

const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false });

/** Trees of files the editor is changing, for incremental re-parsing (tiny LRU; keys: path). */
const recentTrees = new Map<string, { text: string; tree: Tree }>();
const RECENT_TREES = 8;

export async function processFile(runtime: TreeSitterRuntime, task: FileTask): Promise<FileResult> {
  let bytes: Uint8Array;
  let size: number;
  let mtimeMs = 0;
  try {
    if (task.text !== undefined) {
      bytes = Buffer.from(task.text, 'utf8');
      size = bytes.length;
    } else {
      const st = statSync(task.path);
      size = st.size;
      mtimeMs = st.mtimeMs;
      if (size > task.maxBytes) return { path: task.path, kind: 'skipped', size, mtimeMs, reason: 'too-large' };
      bytes = readFileSync(task.path);
    }
  } catch (err) {
    return { path: task.path, kind: 'skipped', size: 0, mtimeMs, reason: 'unreadable', message: err instanceof Error ? err.message : String(err) };
  }
  if (size > task.maxBytes) return { path: task.path, kind: 'skipped', size, mtimeMs, reason: 'too-large' };
  const language = languageOf(task.path);
  if (task.mode === 'parse-only') {
    if (language && !looksBinary(bytes)) {
      const loaded = await runtime.language(language);
      runtime.parser.setLanguage(loaded.language);
      runtime.parser.parse(decoder.decode(bytes))?.delete();
    }
    return { path: task.path, kind: 'parsed' };
  }
  if (looksBinary(bytes)) return { path: task.path, kind: 'skipped', size, mtimeMs, reason: 'binary' };
  const hash = createHash('sha1').update(bytes).digest('hex');
  if (task.expectHash === hash) return { path: task.path, kind: 'unchanged', size, mtimeMs, hash };
  const text = task.text ?? decoder.decode(bytes);
  const lineStarts = lineStartsOf(text);
  const lineCount = lineStarts.length - 1;
  if (looksMinified(text, lineCount)) return { path: task.path, kind: 'skipped', size, mtimeMs, reason: 'minified' };

  let symbols: SymbolInfo[] = [];
  let facts: Omit<FileExtract, 'language' | 'hash' | 'lineCount' | 'chunks' | 'symbols'> = { imports: [] };
  if (language) {
    const loaded = await runtime.language(language);
    runtime.parser.setLanguage(loaded.language);
    const tree = parseIncrementally(runtime, task, text);
    if (tree) {
      try {
        const lineOf = (row: number) => text.slice(lineStarts[row]!, Math.max(lineStarts[row]!, lineStarts[row + 1]! - 1));
        const found = extractFromTree(loaded.spec, loaded.query, tree, lineOf);
        symbols = found.symbols;
        facts = { imports: found.imports, ...(found.packageName ? { packageName: found.packageName } : {}), ...(found.hasErrors ? { hasErrors: true } : {}) };
      } finally {
        if (task.text === undefined) tree.delete();
      }
    }
  }
  const summary = fileSummary(text);
  const ranges = chunkRanges(lineStarts, symbols);
  const tokenize = task.tokenize !== false;
  const extract: FileExtract = {
    language,
    hash,
    lineCount,
    ...(summary ? { summary } : {}),
    ...facts,
    symbols,
    chunks: tokenize ? tokenizeChunks(text, lineStarts, ranges) : [],
    // Editor text goes back UTF-8 encoded too: bytes are transferred, not copied, and the receiver
    // tokenizes bytes without a string per token.
    ...(tokenize ? {} : { untokenized: { bytes: standalone(bytes), ranges: flatRanges(ranges) } }),
  };
  return { path: task.path, kind: 'indexed', size, mtimeMs, extract };
}

/**
 * Editor text is re-parsed against the previous tree of the same file (edit found by common prefix and
 * suffix), which makes a keystroke in a large file cost a fraction of a full parse.
 */
function parseIncrementally(runtime: TreeSitterRuntime, task: FileTask, text: string): Tree | null {
  if (task.text === undefined) return runtime.parser.parse(text);
  const previous = recentTrees.get(task.path);
  let tree: Tree | null;
  if (previous && previous.tree.language === runtime.parser.language) {
    const old = previous.text;
    let start = 0;
    const minLen = Math.min(old.length, text.length);
    while (start < minLen && old.charCodeAt(start) === text.charCodeAt(start)) start++;
    let oldEnd = old.length;
    let newEnd = text.length;
    while (oldEnd > start && newEnd > start && old.charCodeAt(oldEnd - 1) === text.charCodeAt(newEnd - 1)) {
      oldEnd--;
      newEnd--;
    }
    previous.tree.edit(new Edit({
      // web-tree-sitter's JS API counts UTF-16 code units, like String indexes.
      startIndex: start,
      oldEndIndex: oldEnd,
      newEndIndex: newEnd,
      startPosition: pointAt(old, start),
      oldEndPosition: pointAt(old, oldEnd),
      newEndPosition: pointAt(text, newEnd),
    }));
    tree = runtime.parser.parse(text, previous.tree);
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
  return tree;
}

function flatRanges(ranges: readonly ChunkRange[]): Int32Array {
  const out = new Int32Array(ranges.length * 2);
  ranges.forEach((r, i) => {
    out[2 * i] = r.startLine;
    out[2 * i + 1] = r.endLine;
  });
  return out;
}

/** Bytes that own their whole ArrayBuffer, so they can be transferred to another thread. */
function standalone(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer ? bytes : bytes.slice();
}

function pointAt(text: string, index: number): { row: number; column: number } {
  let row = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < index; i = text.indexOf('\n', i + 1)) {
    row++;
    lineStart = i + 1;
  }
  return { row, column: index - lineStart };
}
