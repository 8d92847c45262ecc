/**
 * `banyan next-edit --locations`: where the next edit will be, without a model — the contract of
 * ../shared/bench/next-edit, and what tools start once per question. It needs only the index and the
 * location engine, so it lives in the index commands' bundle (dist/cli-index.js) and loads none of the
 * model clients; `banyan next-edit` without --locations is nextEditCommand (the registry's bundle).
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { CodeIndex } from '../../core/index/codeIndex';
import { TreeSitterRuntime } from '../../core/index/parse/treeSitterRuntime';
import { documentLines } from '../../core/nextEdit/documentLines';
import { HistoryDiffError, historyFromDiff } from '../../core/nextEdit/historyFromDiff';
import { NextEditLocator } from '../../core/nextEdit/nextEditLocator';
import { SyntaxTrees } from '../../core/nextEdit/syntaxTrees';
import type { HistoryHunk, LineSpan } from '../../core/nextEdit/types';
import { parse } from '../cliArgs';
import { type CliCommand, CliError, type CliIO } from '../cliCommand';
import { grammarsDir } from '../indexStorage';
import { openPositionIndex, POSITION_FLAGS, type PositionArg, positionArg, round2 } from './positionArgs';

export const NEXT_EDIT_SUMMARY = 'Predict the next edit after recent edits: the region and ranked locations (--locations), or the edits from a model';
export const NEXT_EDIT_USAGE_HEAD = 'banyan next-edit --workspace DIR --file FILE --line L --character C [--history DIFF_FILE] [--locations] [--storage DIR]';
const FLAGS = { ...POSITION_FLAGS, history: { type: 'string' }, locations: { type: 'boolean' } } as const;
/** --json is every command's flag for machine-readable output: --locations prints JSON with or without it. */
const LOCATION_FLAGS = { ...FLAGS, json: { type: 'boolean' } } as const;

/** What both forms of the command read first: the position, the history, the index and the locator. */
export interface NextEditSetup {
  readonly position: PositionArg;
  readonly history: HistoryHunk[];
  readonly index: CodeIndex;
  readonly indexMs: number;
  readonly locator: NextEditLocator;
  /** Workspace-relative, `/`-separated. */
  readonly rel: (file: string) => string;
  readonly span: (s: LineSpan) => { file: string; startLine: number; endLine: number };
}

/** Reads the position and the history (usage errors first, before the index is opened), then opens the index. */
export async function nextEditSetup(values: { workspace?: string; file?: string; line?: string; character?: string; history?: string; storage?: string }, started: number): Promise<NextEditSetup> {
  const position = positionArg('next-edit', values);
  const history = readHistory(values.history, position.workspace, position.file, { line: position.line, character: position.character });
  const index = await openPositionIndex(position.workspace, values.storage);
  const indexMs = performance.now() - started;
  const grammars = grammarsDir();
  // The document's whole tree, as the server keeps it (a parse of a window around the cursor can start
  // inside a long string or comment and give other syntax nodes, hence another region).
  const locator = new NextEditLocator(() => TreeSitterRuntime.shared(grammars), { trees: new SyntaxTrees() });
  const rel = (p: string) => path.relative(position.workspace, p).split(path.sep).join('/');
  return { position, history, index, indexMs, locator, rel, span: (s) => ({ file: rel(s.file), startLine: s.startLine, endLine: s.endLine }) };
}

/** Prints `{"region":…,"locations":[…],"timings":…}` for the set-up position. */
export async function printLocations(setup: NextEditSetup, started: number, io: CliIO): Promise<void> {
  const { position: p, history, index, locator, span } = setup;
  const r = await locator.locate({ file: p.file, text: p.text, lines: documentLines(p.text), cursor: { line: p.line, character: p.character }, history, index });
  io.stdout(JSON.stringify({
    region: span(r.region),
    locations: r.locations.map((l) => ({ ...span(l), score: l.score, reason: l.reason })),
    timings: { index: round2(setup.indexMs), syntax: round2(r.timings.syntaxMs), locate: round2(r.timings.locateMs), command: round2(performance.now() - started) },
  }));
}

/** The flags of `next-edit` without the model's (what the --locations form accepts). */
export const NEXT_EDIT_FLAGS = FLAGS;

function parseLocationFlags(args: readonly string[]) {
  return parse(args, LOCATION_FLAGS, false).values;
}

/** The --locations form, served from the index commands' bundle (see main.ts's commandNamed). */
export const nextEditLocationsCommand: CliCommand = {
  name: 'next-edit',
  summary: NEXT_EDIT_SUMMARY,
  usage: `${NEXT_EDIT_USAGE_HEAD} [model flags without --locations: see banyan help next-edit]`,
  // Only --locations with no model flag: anything else (and its usage errors) is the registry's command.
  accepts: (args) => {
    try {
      return parseLocationFlags(args).locations === true;
    } catch {
      return false;
    }
  },
  async run(args, io) {
    const started = performance.now();
    const setup = await nextEditSetup(parseLocationFlags(args), started);
    try {
      await printLocations(setup, started, io);
      return 0;
    } finally {
      await setup.index.close({ save: false });
    }
  },
};

function readHistory(file: string | undefined, workspace: string, cursorFile: string, position: { line: number; character: number }): HistoryHunk[] {
  if (!file) return [];
  let diff: string;
  try {
    diff = readFileSync(file, 'utf8');
  } catch (err) {
    throw new CliError(`cannot read --history ${file}: ${(err as Error).message}`, 2);
  }
  try {
    return historyFromDiff(diff, workspace, { file: cursorFile, position });
  } catch (err) {
    if (err instanceof HistoryDiffError) throw new CliError(`--history ${file}: ${err.message}`, 2);
    throw err;
  }
}
