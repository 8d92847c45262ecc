import * as path from 'node:path';
import type { CodeIndex } from '../../index/codeIndex';
import { assembleCompletionContextCooperatively } from '../context/assembleContext';
import type { ContextSource } from './contextStage';

/**
 * The completion pipeline's repository context: the context engine over the workspace index, with
 * snippet paths made workspace-relative (what the prompt shows). Undefined while there is no index.
 * Assembled cooperatively against the request's time box: when it closes (or the stage says stop), the
 * sources not run yet are skipped and what was found is returned.
 */
export function indexContextSource(index: CodeIndex | undefined, roots: readonly string[]): ContextSource | undefined {
  if (!index) return undefined;
  return async (request, signal) => {
    const { timeBoxMs, ...input } = request;
    const assembled = await assembleCompletionContextCooperatively({ index, ...input }, signal, timeBoxMs === undefined ? {} : { deadline: performance.now() + timeBoxMs });
    return {
      snippets: assembled.snippets.map((s) => ({ ...s, file: workspaceRelative(roots, s.file) })),
      timings: { ...assembled.timings },
    };
  };
}

/** `file` relative to the workspace folder holding it, with forward slashes; else its base name. */
export function workspaceRelative(roots: readonly string[], file: string): string {
  const root = roots.find((r) => file.startsWith(r + path.sep));
  return (root ? path.relative(root, file) : path.basename(file)).split(path.sep).join('/');
}
