/**
 * Opening the code index from the command line. The CLI keeps one snapshot per workspace under the
 * user's cache folder — `--storage DIR`, else $BANYAN_INDEX_DIR, else
 * `$XDG_CACHE_HOME/banyan/index/<folder name>-<hash of the path>` (XDG_CACHE_HOME defaults to
 * ~/.cache) — so `banyan index`, `search`, `symbols` and `context` reuse it across process starts
 * and only re-parse files that changed on disk.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CodeIndex } from '../core/index/codeIndex';
import { applyIndexHostHeapFlags } from '../core/index/hostFlags';
import type { Logger } from '../core/logging/logger';
import { silentLogger } from '../core/logging/logger';

/** With fewer changed files than this, parse on the main thread: starting workers would cost more. */
const INLINE_BELOW = 48;

export function cliStorageDir(workspace: string, explicit?: string): string {
  if (explicit) return path.resolve(explicit);
  if (process.env.BANYAN_INDEX_DIR) return path.resolve(process.env.BANYAN_INDEX_DIR);
  const cache = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  const id = createHash('sha1').update(workspace).digest('hex').slice(0, 12);
  return path.join(cache, 'banyan', 'index', `${path.basename(workspace) || 'root'}-${id}`);
}

/** dist/grammars beside the bundled CLI; undefined from source (the grammar packages are used). */
export function grammarsDir(): string | undefined {
  const dir = path.join(__dirname, 'grammars');
  return existsSync(path.join(dir, 'web-tree-sitter.wasm')) ? dir : undefined;
}

export interface CliIndexOptions {
  readonly storage?: string;
  readonly workers?: number;
  readonly logger?: Logger;
  /** Index what the defaults skip (node_modules, build folders). */
  readonly noDefaultExcludes?: boolean;
  /** Skip the snapshot write when fewer files than this were parsed (see CodeIndexOptions). */
  readonly saveAfterParsing?: number;
  /** Text that wins over the disk for a file (`banyan eval`'s masked document). */
  readonly documentText?: (file: string) => string | undefined;
}

/** Opens the workspace's index and brings it up to date with the disk. */
export async function openCliIndex(workspace: string, options: CliIndexOptions = {}): Promise<CodeIndex> {
  // This process now hosts an index, as the language server does (a first build's peak memory).
  applyIndexHostHeapFlags();
  const grammars = grammarsDir();
  const index = await CodeIndex.open({
    roots: [workspace],
    storageDir: cliStorageDir(workspace, options.storage),
    ...(grammars ? { grammarsDir: grammars } : {}),
    ...(options.workers !== undefined ? { workers: options.workers } : {}),
    inlineBelow: INLINE_BELOW,
    logger: options.logger ?? (process.env.BANYAN_DEBUG ? stderrLogger : silentLogger),
    ...(options.noDefaultExcludes ? { noDefaultExcludes: true } : {}),
    ...(options.saveAfterParsing ? { saveAfterParsing: options.saveAfterParsing } : {}),
    ...(options.documentText ? { documentText: options.documentText } : {}),
  });
  await index.refresh();
  return index;
}

const stderrLogger: Logger = {
  error: (m, cause) => process.stderr.write(`error: ${m}${cause ? ` (${String(cause)})` : ''}\n`),
  warn: (m) => process.stderr.write(`warn: ${m}\n`),
  info: (m) => process.stderr.write(`info: ${m}\n`),
  debug: (m) => process.stderr.write(`debug: ${m}\n`),
};
