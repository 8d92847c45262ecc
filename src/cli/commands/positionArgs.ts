/**
 * What the commands that work at FILE:LINE:CHARACTER (`context`, `complete`) share: reading the file,
 * checking the position, the --budget flag, the index opened for one position, and the timings they
 * print. `rewrite` reads its file the same way.
 */
import { readFileSync } from 'node:fs';
import type { CodeIndex } from '../../core/index/codeIndex';
import { nonNegativeInt, resolveFile, workspaceDir } from '../cliArgs';
import { CliError } from '../cliCommand';
import { openCliIndex } from '../indexStorage';

/** Fewer changed files than this are re-parsed per call rather than written back to the snapshot. */
const SAVE_AFTER_PARSING = 16;

/** The file's text; a file that cannot be read is a usage error. */
export function readFileArg(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new CliError(`cannot read ${file}: ${(err as Error).message}`, 2);
  }
}

/** The flags every FILE:LINE:CHARACTER command takes (spread into its parseArgs options). */
export const POSITION_FLAGS = {
  workspace: { type: 'string' },
  file: { type: 'string' },
  line: { type: 'string' },
  character: { type: 'string' },
  storage: { type: 'string' },
} as const;

/** A position as the flags gave it: the workspace, the file (absolute), its text and the 0-based line, character and offset. */
export interface PositionArg {
  readonly workspace: string;
  readonly file: string;
  readonly text: string;
  readonly line: number;
  readonly character: number;
  readonly offset: number;
}

/** Reads and checks --workspace, --file, --line and --character; what is missing or outside the file is a usage error. */
export function positionArg(command: string, values: { workspace?: string | undefined; file?: string | undefined; line?: string | undefined; character?: string | undefined }): PositionArg {
  if (!values.file) throw new CliError(`${command} needs --file FILE --line L --character C`, 2);
  const workspace = workspaceDir(values.workspace);
  const file = resolveFile(workspace, values.file);
  const line = nonNegativeInt('line', values.line);
  const character = nonNegativeInt('character', values.character);
  const text = readFileArg(file);
  return { workspace, file, text, line, character, offset: offsetAt(text, line, character) };
}

/** The offset of LINE:CHARACTER (0-based) in `text`; a position outside the file is a usage error. */
export function offsetAt(text: string, line: number, character: number): number {
  let offset = 0;
  for (let l = 0; l < line; l++) {
    const nl = text.indexOf('\n', offset);
    if (nl < 0) throw new CliError(`--line ${line} is past the end of the file (${l + 1} lines)`, 2);
    offset = nl + 1;
  }
  const end = text.indexOf('\n', offset);
  const lineLength = (end < 0 ? text.length : end) - offset;
  if (character > lineLength) throw new CliError(`--character ${character} is past the end of line ${line} (${lineLength} characters)`, 2);
  return offset + character;
}

/** --budget TOKENS: undefined when absent, else a non-negative integer. */
export function budgetArg(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const budget = Number(value);
  if (!Number.isInteger(budget) || budget < 0) throw new CliError(`--budget must be a non-negative integer (tokens), got "${value}"`, 2);
  return budget;
}

/** The workspace's persisted index, brought up to date with the disk, for one position's context. */
export function openPositionIndex(workspace: string, storage: string | undefined): Promise<CodeIndex> {
  return openCliIndex(workspace, { saveAfterParsing: SAVE_AFTER_PARSING, ...(storage ? { storage } : {}) });
}

/** Milliseconds and scores as printed: 2 decimals. */
export const round2 = (ms: number): number => Number(ms.toFixed(2));

/** Printed timings: opening the index, each stage, the whole command (ms, 2 decimals). */
export function commandTimings<T extends { readonly [K in keyof T]: number }>(indexMs: number, stages: T, started: number): Record<string, number> {
  return { index: round2(indexMs), ...Object.fromEntries(Object.entries<number>(stages).map(([k, v]) => [k, round2(v)])), command: round2(performance.now() - started) };
}
