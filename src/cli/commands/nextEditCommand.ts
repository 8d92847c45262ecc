import * as path from 'node:path';
import { readFileSync } from 'node:fs';
import { resolveSettings } from '../../core/config/settings';
import { TreeSitterRuntime } from '../../core/index/parse/treeSitterRuntime';
import { documentLines } from '../../core/nextEdit/documentLines';
import { engineSettings } from '../../core/nextEdit/engineSettings';
import { HistoryDiffError, historyFromDiff } from '../../core/nextEdit/historyFromDiff';
import { NextEditEngine } from '../../core/nextEdit/nextEditEngine';
import { NextEditLocator } from '../../core/nextEdit/nextEditLocator';
import type { HistoryHunk, LineSpan } from '../../core/nextEdit/types';
import { parse } from '../cliArgs';
import { type CliCommand, CliError } from '../cliCommand';
import { cliHub, cliModelError, interruptSignal, MODEL_FLAGS, MODEL_FLAGS_USAGE, workspaceSettings } from '../cliModels';
import { grammarsDir } from '../indexStorage';
import { openPositionIndex, POSITION_FLAGS, positionArg, round2 } from './positionArgs';

/**
 * `banyan next-edit`: where the next edit will be after the edits in --history (a git-style unified
 * diff, oldest first, paths relative to the workspace; the files on disk already hold them), and with a
 * model what it is. `--locations` asks no model and prints the contract of ../shared/bench/next-edit:
 * `{"region":{file,startLine,endLine},"locations":[{file,startLine,endLine,score,reason}]}` (0-based
 * inclusive lines, workspace-relative files, most likely first).
 */
export const nextEditCommand: CliCommand = {
  name: 'next-edit',
  summary: 'Predict the next edit after recent edits: the region and ranked locations (--locations), or the edits from a model',
  usage: `banyan next-edit --workspace DIR --file FILE --line L --character C [--history DIFF_FILE] [--locations] [--storage DIR] ${MODEL_FLAGS_USAGE}`,
  async run(args, io) {
    const started = performance.now();
    const { values } = parse(args, { ...MODEL_FLAGS, ...POSITION_FLAGS, history: { type: 'string' }, locations: { type: 'boolean' } }, false);
    const { workspace, file, text, line, character } = positionArg('next-edit', values);
    const cursor = { line, character };
    const history = readHistory(values.history, workspace, file, cursor);
    const rel = (p: string) => path.relative(workspace, p).split(path.sep).join('/');
    const span = (s: LineSpan) => ({ file: rel(s.file), startLine: s.startLine, endLine: s.endLine });

    const index = await openPositionIndex(workspace, values.storage);
    const indexMs = performance.now() - started;
    const grammars = grammarsDir();
    const locator = new NextEditLocator(() => TreeSitterRuntime.shared(grammars));
    try {
      if (values.locations) {
        const r = await locator.locate({ file, lines: documentLines(text), cursor, history, index });
        io.stdout(JSON.stringify({
          region: span(r.region),
          locations: r.locations.map((l) => ({ ...span(l), score: l.score, reason: l.reason })),
          timings: { index: round2(indexMs), syntax: round2(r.timings.syntaxMs), locate: round2(r.timings.locateMs), command: round2(performance.now() - started) },
        }));
        return 0;
      }
      const hub = cliHub(workspace, values, ['nextEdit'], io);
      const settings = resolveSettings(workspaceSettings(workspace)).settings;
      const endpoint = hub.endpoints('nextEdit')[0];
      const engine = new NextEditEngine(locator, () => hub, () => engineSettings(settings, endpoint));
      const interrupt = interruptSignal();
      try {
        const outcome = await engine.predict({
          file, text, cursor, history, index,
          readFile: (f) => (f === file ? text : index.linesOf(f)?.join('\n')),
          relPath: rel,
          rejectedBefore: () => false,
        }, interrupt.signal);
        const t = outcome.kind === 'suggestion' ? outcome.prediction.timings : outcome.timings;
        const timings = { index: round2(indexMs), locate: round2(t.locateMs), model: round2(t.modelMs), requests: t.requests, command: round2(performance.now() - started) };
        if (outcome.kind === 'none') {
          io.stdout(values.json ? JSON.stringify({ region: outcome.region ? span(outcome.region) : null, edits: [], jump: null, none: outcome.reason, timings }) : `(no suggestion: ${outcome.reason})`);
          return 0;
        }
        const p = outcome.prediction;
        const edits = p.edits.map((e) => ({ file: rel(p.file), range: e.range, newText: e.newText }));
        if (values.json) io.stdout(JSON.stringify({ region: span(p.region), edits, jump: p.jump ? span(p.jump) : null, format: p.format, timings }));
        else io.stdout(`${rel(p.file)}${p.jump ? ` (jump to line ${p.jump.startLine + 1})` : ''}\n${edits.map((e) => `@@ ${e.range.start.line + 1}:${e.range.start.character + 1}-${e.range.end.line + 1}:${e.range.end.character + 1}\n${e.newText}`).join('\n')}`);
        return 0;
      } catch (err) {
        throw cliModelError(err);
      } finally {
        interrupt.dispose();
        await hub.dispose();
      }
    } finally {
      await index.close({ save: false });
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
