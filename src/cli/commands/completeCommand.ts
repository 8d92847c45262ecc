import * as path from 'node:path';
import { CompletionEngine } from '../../core/completion/pipeline/completionEngine';
import { indexContextSource } from '../../core/completion/pipeline/indexContextSource';
import { pipelineSettings } from '../../core/completion/pipeline/pipelineSettings';
import { resolveSettings } from '../../core/config/settings';
import { languageOf } from '../../core/index/languages';
import { parse } from '../cliArgs';
import { type CliCommand, CliError } from '../cliCommand';
import { cliHub, cliModelError, interruptSignal, MODEL_FLAGS, MODEL_FLAGS_USAGE, workspaceSettings } from '../cliModels';
import { budgetArg, commandTimings, openPositionIndex, POSITION_FLAGS, positionArg, round2 } from './positionArgs';

/**
 * `banyan complete`: the whole inline-completion pipeline at FILE:LINE:CHARACTER, as the editor would
 * run it on an explicit request (no debounce): repository context from the persisted index (updated
 * for what changed on disk), the FIM prompt for the configured completion model, the streamed answer
 * with early stop, and the post-processing filters. Prints the suggestion and the time per stage.
 * The context waits up to --context-time-box ms (default 10 s, not the editor's 150 ms: a command
 * line pays an index check first and is asked for the answer with its context).
 */
const DEFAULT_CONTEXT_TIME_BOX_MS = 10_000;

export const completeCommand: CliCommand = {
  name: 'complete',
  summary: 'Inline completion at a position through the whole pipeline (repository context, FIM, filters)',
  usage: `banyan complete --workspace DIR --file FILE --line L --character C [--budget TOKENS] [--no-context] [--context-time-box MS] [--storage DIR] ${MODEL_FLAGS_USAGE}`,
  async run(args, io) {
    const started = performance.now();
    const { values } = parse(args, { ...MODEL_FLAGS, ...POSITION_FLAGS, budget: { type: 'string' }, 'no-context': { type: 'boolean' }, 'context-time-box': { type: 'string' } }, false);
    const { workspace, file, text, line, character, offset } = positionArg('complete', values);
    const budget = budgetArg(values.budget);
    const contextTimeBoxMs = timeBoxArg(values['context-time-box']);
    const settings = pipelineSettings(resolveSettings(workspaceSettings(workspace)).settings);
    const hub = cliHub(workspace, values, ['completion'], io);
    const index = values['no-context'] ? undefined : await openPositionIndex(workspace, values.storage);
    const indexMs = performance.now() - started;
    const engine = new CompletionEngine({
      model: () => hub,
      context: () => indexContextSource(index, [workspace]),
      settings: () => ({ ...settings, ...(budget !== undefined ? { contextTokens: budget } : {}), contextTimeBoxMs }),
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
      const timings = commandTimings(indexMs, outcome.timings, started);
      const suggestion = outcome.kind === 'suggestion' ? outcome.suggestion : undefined;
      if (values.json) {
        io.stdout(JSON.stringify({
          completion: suggestion?.text ?? '',
          ...(suggestion ? { replaceBefore: suggestion.replaceBefore, replaceAfter: suggestion.replaceAfter, multiline: outcome.kind === 'suggestion' && outcome.multiline } : {}),
          ...(outcome.kind === 'none' ? { none: outcome.reason } : {}),
          context: outcome.kind === 'suggestion' ? outcome.snippets.map((s) => ({ file: s.file, startLine: s.startLine, endLine: s.endLine, source: s.source, score: round2(s.score) })) : [],
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

/** An hour: a timer's delay must stay below 2^31 ms (Node runs a longer one after 1 ms). */
const MAX_CONTEXT_TIME_BOX_MS = 3_600_000;

/** --context-time-box MS: an integer from 1 to MAX_CONTEXT_TIME_BOX_MS, DEFAULT_CONTEXT_TIME_BOX_MS when absent. */
function timeBoxArg(value: string | undefined): number {
  if (value === undefined) return DEFAULT_CONTEXT_TIME_BOX_MS;
  const ms = Number(value);
  if (!Number.isInteger(ms) || ms < 1 || ms > MAX_CONTEXT_TIME_BOX_MS) throw new CliError(`--context-time-box must be an integer from 1 to ${MAX_CONTEXT_TIME_BOX_MS} (milliseconds), got "${value}"`, 2);
  return ms;
}
