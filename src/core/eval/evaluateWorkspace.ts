/**
 * An evaluation of one workspace end to end, shared by `banyan eval` and the palette command: cases
 * from the index's files, each configuration's pipeline, the masked document shown to the index
 * through its overlay, and the report.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Parser } from 'web-tree-sitter';
import { indexContextSource } from '../completion/pipeline/indexContextSource';
import { pipelineSettings } from '../completion/pipeline/pipelineSettings';
import { SyntaxCursorFacts } from '../completion/pipeline/syntaxCursorFacts';
import type { BanyanSettings } from '../config/settings';
import type { CodeIndex } from '../index/codeIndex';
import type { LanguageId } from '../index/languages';
import { TreeSitterRuntime } from '../index/parse/treeSitterRuntime';
import type { EvalCase, EvalCaseResult, EvalReport, EvalTask } from './evalTypes';
import { generateCases } from './generateCases';
import { pipelineEvalConfig, type PipelineEvalConfigOptions } from './pipelineEvalConfig';
import { runEval } from './runEval';

export interface EvaluatedConfig {
  readonly label: string;
  readonly model: string;
  readonly client: PipelineEvalConfigOptions['client'];
  readonly settings: BanyanSettings;
}

export interface WorkspaceEvalOptions {
  readonly workspace: string;
  readonly index: CodeIndex;
  /** The index's `documentText` source: what is set here wins over the disk. */
  readonly overlay: Map<string, string>;
  readonly grammarsDir?: string;
  readonly configs: readonly [EvaluatedConfig] | readonly [EvaluatedConfig, EvaluatedConfig];
  readonly n: number;
  readonly seed: number;
  readonly tasks: readonly EvalTask[];
  readonly includeTests?: boolean;
  readonly includeGenerated?: boolean;
  readonly signal: AbortSignal;
  onCases?(cases: readonly EvalCase[]): void;
  onResult?(done: number, total: number, result: EvalCaseResult, config: number): void;
}

export async function evaluateWorkspace(o: WorkspaceEvalOptions): Promise<EvalReport> {
  const { index, workspace } = o;
  const runtime = await TreeSitterRuntime.shared(o.grammarsDir);
  // Its own parser: the shared one also serves the index's inline parsing.
  const parser = new Parser();
  const parserFor = async (language: LanguageId) => {
    try {
      parser.setLanguage((await runtime.language(language)).language);
      return parser;
    } catch {
      return undefined;
    }
  };
  const read = (file: string) => {
    try {
      return readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
  };
  const files = [...index.entries()].flatMap((f) => (f.language && f.root === workspace ? [{ file: f.path, rel: f.rel, language: f.language }] : []));
  const cases = await generateCases(
    {
      files, read, parser: parserFor,
      crossFileCallee: (name, file) =>
        !index.symbolsInFile(file).some((s) => s.name === name)
        && index.symbols(name, { kinds: ['function', 'method'], limit: 20 }).some((s) => s.path !== file),
    },
    { n: o.n, seed: o.seed, tasks: o.tasks, ...(o.includeTests ? { includeTests: true } : {}), ...(o.includeGenerated ? { includeGenerated: true } : {}) },
  );
  o.onCases?.(cases);
  const facts = new SyntaxCursorFacts(o.grammarsDir);
  await facts.prepare([...new Set(cases.map((c) => c.language as LanguageId))]);
  const configs = o.configs.map((c) => pipelineEvalConfig({
    label: c.label, model: c.model, client: c.client, settings: pipelineSettings(c.settings), cursorFacts: facts, repoName: path.basename(workspace),
    // A configuration with context turned off (contextTokens 0) gets none, as in the editor.
    context: () => (c.settings['completion.contextTokens'] > 0 ? indexContextSource(index, [workspace]) : undefined),
  }));
  try {
    return await runEval({
      workspace, cases, seed: o.seed, tasks: o.tasks, requested: o.n,
      configs: configs as [typeof configs[0]] | [typeof configs[0], typeof configs[0]],
      readOriginal: read,
      setDocument: async (file, text) => {
        if (text === undefined) o.overlay.delete(file);
        else o.overlay.set(file, text);
        const now = text ?? read(file);
        if (now !== undefined) await index.updateDocument(file, now);
      },
      parser: parserFor,
      signal: o.signal,
      ...(o.onResult ? { onResult: o.onResult } : {}),
    });
  } finally {
    for (const c of configs) c.dispose();
    parser.delete();
  }
}
