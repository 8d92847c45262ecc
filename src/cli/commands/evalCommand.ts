import * as path from 'node:path';
import { resolveSettings } from '../../core/config/settings';
import { EVAL_TASKS, type EvalCaseResult, type EvalReport, type EvalTask } from '../../core/eval/evalTypes';
import { evaluateWorkspace, type EvaluatedConfig } from '../../core/eval/evaluateWorkspace';
import { formatEvalReport } from '../../core/eval/formatEvalReport';
import { parse, resolveFile, workspaceDir } from '../cliArgs';
import { type CliCommand, CliError } from '../cliCommand';
import { cliHub, cliModelError, cliRawSettings, interruptSignal, MODEL_FLAGS, MODEL_FLAGS_USAGE, settingsFile } from '../cliModels';
import { grammarsDir, openCliIndex } from '../indexStorage';
import { progressBar } from '../progressBar';

/**
 * `banyan eval`: scores the completion model on cases cut from the workspace itself (see
 * src/core/eval): each case through the editor's whole pipeline with the hidden span masked from the
 * document and the index. Prints a table per task and language (or, with --json, one JSON line per
 * case and a summary line), a progress bar with an ETA on stderr; --compare runs a second
 * configuration (the same settings with a settings file's `banyan.*` keys on top) on the same cases.
 */
export const evalCommand: CliCommand = {
  name: 'eval',
  summary: 'Score the completion model on cases from this repository (exact match, edit similarity, identifiers, syntax, latency)',
  usage: `banyan eval --workspace DIR [--n 100] [--seed S] [--task line|api|block|all] [--compare SETTINGS.json] [--include-tests] [--include-generated] [--storage DIR] ${MODEL_FLAGS_USAGE}`,
  async run(args, io) {
    const { values } = parse(args, {
      ...MODEL_FLAGS,
      n: { type: 'string' },
      seed: { type: 'string' },
      task: { type: 'string' },
      compare: { type: 'string' },
      'include-tests': { type: 'boolean' },
      'include-generated': { type: 'boolean' },
      storage: { type: 'string' },
    }, false);
    const workspace = workspaceDir(values.workspace);
    const n = positiveInt('n', values.n, 100);
    const seed = positiveInt('seed', values.seed, 1, true);
    const tasks = taskArg(values.task);
    const flags = values;
    const configs: EvaluatedConfig[] = [];
    const hubs = [];
    try {
      // Configuration errors (a bad flag, an unreadable settings file) before any indexing.
      const settingsA = resolveSettings(cliRawSettings(workspace, flags, ['completion'])).settings;
      const hubA = cliHub(workspace, flags, ['completion'], io);
      hubs.push(hubA);
      configs.push({ label: 'A', model: hubA.endpoints('completion')[0]!.model, client: hubA, settings: settingsA });
      if (values.compare) {
        const file = resolveFile(process.cwd(), values.compare);
        const overrides = settingsFile(file, 'a --compare file is a settings.json with banyan.* keys');
        if (!Object.keys(overrides).length) throw new CliError(`${file} sets no banyan.* setting: nothing to compare (e.g. {"banyan.completion.contextTokens": 0})`, 2);
        const hubB = cliHub(workspace, flags, ['completion'], io, process.env, overrides);
        hubs.push(hubB);
        configs.push({ label: path.basename(file), model: hubB.endpoints('completion')[0]!.model, client: hubB, settings: resolveSettings(cliRawSettings(workspace, flags, ['completion'], overrides)).settings });
      }
    } catch (err) {
      await Promise.all(hubs.map((h) => h.dispose()));
      throw err;
    }

    const overlay = new Map<string, string>();
    const interrupt = interruptSignal();
    const bar = progressBar(process.stderr, 'eval');
    let exact = 0;
    let scored = 0;
    const index = await openCliIndex(workspace, { documentText: (f) => overlay.get(f), ...(values.storage ? { storage: values.storage } : {}) });
    try {
      const dir = grammarsDir();
      const report = await evaluateWorkspace({
        workspace, index, overlay, ...(dir ? { grammarsDir: dir } : {}),
        configs: configs as [EvaluatedConfig] | [EvaluatedConfig, EvaluatedConfig],
        n, seed, tasks, includeTests: Boolean(values['include-tests']), includeGenerated: Boolean(values['include-generated']),
        signal: interrupt.signal,
        onCases: (cases) => {
          if (!cases.length) throw new CliError(`no case could be cut from ${workspace}: it has no source file in a language Banyan parses (tests and generated files are left out: --include-tests, --include-generated)`);
          bar.update(0, cases.length * configs.length);
        },
        onResult: (done, total, r, config) => {
          if (config === 0) {
            scored++;
            if (r.exactMatch) exact++;
          }
          bar.update(done, total, `exact ${Math.round((100 * exact) / Math.max(1, scored))}%`);
          if (values.json) io.stdout(JSON.stringify(caseRow(r, configs[config]!.label)));
        },
      }).catch((err: unknown) => {
        throw err instanceof CliError ? err : cliModelError(err);
      });
      bar.finish();
      if (values.json) io.stdout(JSON.stringify(summaryRow(report)));
      else io.stdout(formatEvalReport(report));
      return report.info.cancelled ? 130 : 0;
    } finally {
      bar.finish();
      interrupt.dispose();
      await index.close({ save: false });
      await Promise.all(hubs.map((h) => h.dispose()));
    }
  },
};

function positiveInt(name: string, value: string | undefined, fallback: number, zeroOk = false): number {
  if (value === undefined) return fallback;
  const v = Number(value);
  if (!Number.isInteger(v) || v < (zeroOk ? 0 : 1)) throw new CliError(`--${name} must be a ${zeroOk ? 'non-negative' : 'positive'} integer, got "${value}"`, 2);
  return v;
}

function taskArg(value: string | undefined): EvalTask[] {
  if (value === undefined || value === 'all') return [...EVAL_TASKS];
  const tasks = value.split(',').map((t) => t.trim());
  const bad = tasks.filter((t) => !(EVAL_TASKS as readonly string[]).includes(t));
  if (bad.length || !tasks.length) throw new CliError(`--task must be line, api, block or all (or a comma list), got "${value}"`, 2);
  return tasks as EvalTask[];
}

/** One `--json` line per case and configuration. */
function caseRow(r: EvalCaseResult, config: string): Record<string, unknown> {
  return { type: 'case', config, ...r, editSimilarity: Number(r.editSimilarity.toFixed(4)), identifierF1: Number(r.identifierF1.toFixed(4)) };
}

/** The last `--json` line: the run and its tables (the per-case rows came before it). */
function summaryRow(r: EvalReport): Record<string, unknown> {
  return {
    type: 'summary', ...r.info, summary: r.summary,
    ...(r.compare ? { compare: { label: r.compare.label, model: r.compare.model, summary: r.compare.summary, metrics: r.compare.metrics } } : {}),
  };
}
