import * as path from 'node:path';
import { assembleCompletionContext } from '../../core/completion/context/assembleContext';
import { languageOf } from '../../core/index/languages';
import { parse } from '../cliArgs';
import type { CliCommand } from '../cliCommand';
import { budgetArg, commandTimings, openPositionIndex, POSITION_FLAGS, positionArg, round2 } from './positionArgs';

const DEFAULT_BUDGET = 1024;

/**
 * `banyan context`: the repository snippets a completion at FILE:LINE:CHARACTER would carry (the
 * document's own prefix/suffix excluded), from the workspace as it is on disk now; the persisted index
 * is reused and only changed files are parsed again. The context-recall bench calls it per case.
 */
export const contextCommand: CliCommand = {
  name: 'context',
  summary: 'Repository context a completion at a position would carry (definitions, similar code)',
  usage: 'banyan context --workspace DIR --file FILE --line L --character C [--budget TOKENS] [--storage DIR] [--json]',
  async run(args, io) {
    const started = performance.now();
    const { values } = parse(args, { ...POSITION_FLAGS, budget: { type: 'string' }, json: { type: 'boolean' } }, false);
    const { workspace, file, text, line, character } = positionArg('context', values);
    const budget = budgetArg(values.budget) ?? DEFAULT_BUDGET;

    const index = await openPositionIndex(workspace, values.storage);
    const indexed = performance.now();
    const result = assembleCompletionContext({ index, file, text, position: { line, character }, languageId: languageOf(file) ?? 'plaintext', budgetTokens: budget });
    await index.close({ save: false });
    const timings = commandTimings(indexed - started, result.timings, started);
    const snippets = result.snippets.map((s) => ({ file: rel(workspace, s.file), startLine: s.startLine, endLine: s.endLine, text: s.text, source: s.source, score: round2(s.score) }));
    if (values.json) {
      io.stdout(JSON.stringify({ snippets, tokens: result.tokens, timings }));
    } else {
      for (const s of snippets) io.stdout(`── ${s.file}:${s.startLine + 1}-${s.endLine + 1}  ${s.source}  ${s.score}\n${s.text}\n`);
      io.stdout(`${snippets.length} snippets, ${result.tokens} tokens, ${timings.command} ms`);
    }
    return 0;
  },
};

const rel = (root: string, file: string): string => path.relative(root, file).split(path.sep).join('/');
