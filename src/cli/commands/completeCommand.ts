import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { CompletionEngine } from '../../core/completion/pipeline/completionEngine';
import { indexContextSource } from '../../core/completion/pipeline/indexContextSource';
import { pipelineSettings } from '../../core/completion/pipeline/pipelineSettings';
import { resolveSettings } from '../../core/config/settings';
import { languageOf } from '../../core/index/languages';
import { nonNegativeInt, parse, resolveFile, workspaceDir } from '../cliArgs';
import { type CliCommand, CliError } from '../cliCommand';
import { cliHub, cliModelError, interruptSignal, MODEL_FLAGS, MODEL_FLAGS_USAGE, workspaceSettings } from '../cliModels';
import { openCliIndex } from '../indexStorage';

/** Fewer changed files than this are re-parsed per call rather than written back to the snapshot. */
const SAVE_AFTER_PARSING = 16;

/**
 * `banyan complete`: the whole inline-completion pipeline at FILE:LINE:CHARACTER, as the editor would
 * run it on an explicit request (no debounce): repository context from the persisted index (updated
 * for what changed on disk), the FIM prompt for the configured completion model, the streamed answer
 * with early stop, and the post-processing filters. Prints the suggestion and the time per stage.
 */
export const completeCommand: CliCommand = {
  name: 'complete',
  summary: 'Inline completion at a position through the whole pipeline (repository context, FIM, filters)',
  usage: `banyan complete --workspace DIR --file FILE --line L --character C [--budget TOKENS] [--no-context] [--storage DIR] ${MODEL_FLAGS_USAGE}`,
  async run(args, io) {
    const started = performance.now();
    const { values } = parse(args, {
      ...MODEL_FLAGS,
      file: { type: 'string' },
      line: { type: 'string' },
      character: { type: 'string' },
      budget: { type: 'string' },
      storage: { type: 'string' },
      'no-context': { type: 'boolean' },
    }, false);
    if (!values.file) throw new CliError('complete needs --file FILE --line L --character C', 2);
    const workspace = workspaceDir(values.workspace);
    const file = resolveFile(workspace, values.file);
    const line = nonNegativeInt('line', values.line);
    const character = nonNegativeInt('character', values.character);
    const budget = values.budget === undefined ? undefined : Number(values.budget);
    if (budget !== undefined && (!Number.isInteger(budget) || budget < 0)) throw new CliError(`--budget must be a non-negative integer (tokens), got "${values.budget}"`, 2);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      throw new CliError(`cannot read ${file}: ${(err as Error).message}`, 2);
    }
    const offset = offsetAt(text, line, character);
    const settings = pipelineSettings(resolveSettings(workspaceSettings(workspace)).settings);
    const hub = cliHub(workspace, values, ['completion'], io);
    const index = values['no-context'] ? undefined : await openCliIndex(workspace, { saveAfterParsing: SAVE_AFTER_PARSING, ...(values.storage ? { storage: values.storage } : {}) });
    const indexMs = performance.now() - started;
    const engine = new CompletionEngine({
      model: () => hub,
      context: () => indexContextSource(index, [workspace]),
      settings: () => ({ ...settings, ...(budget !== undefined ? { contextTokens: budget } : {}), contextTimeBoxMs: 10_000 }),
      repoName: () => path.basename(workspace),
    });
    const relPath = path.relative(workspace, file).split(path.sep).join('/');
    const interrupt = interruptSignal();
    try {
      const outcome = await engine.complete(
        { uri: file, file, relPath, text, offset, position: { line, character }, languageId: languageOf(file) ?? 'plaintext', explicit: true },
        interrupt.signal,
      );
      if (outcome.kind === 'none' && outcome.error) throw cliModelError(outcome.error);
      const timings = { index: round(indexMs), ...Object.fromEntries(Object.entries(outcome.timings).map(([k, v]) => [k, round(v)])), command: round(performance.now() - started) };
      const suggestion = outcome.kind === 'suggestion' ? outcome.suggestion : undefined;
      if (values.json) {
        io.stdout(JSON.stringify({
          completion: suggestion?.text ?? '',
          ...(suggestion ? { replaceBefore: suggestion.replaceBefore, replaceAfter: suggestion.replaceAfter, multiline: outcome.kind === 'suggestion' && outcome.multiline } : {}),
          ...(outcome.kind === 'none' ? { none: outcome.reason } : {}),
          context: outcome.kind === 'suggestion' ? outcome.snippets.map((s) => ({ file: s.file, startLine: s.startLine, endLine: s.endLine, source: s.source, score: round(s.score) })) : [],
          timings,
        }));
      } else {
        io.stdout(suggestion ? suggestion.text : `(no suggestion: ${outcome.kind === 'none' ? outcome.reason : 'cancelled'})`);
      }
      return 0;
    } finally {
      interrupt.dispose();
      engine.dispose();
      await index?.close({ save: false });
      await hub.dispose();
    }
  },
};

function offsetAt(text: string, line: number, character: number): number {
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

const round = (ms: number): number => Number(ms.toFixed(2));
