/**
 * The location engine as the server, the CLI and the bench run it: the syntax nodes around the cursor
 * (tree-sitter, the thread's shared runtime; without a grammar the region is grown by lines only), then
 * the model-free ranking of locateNextEdits. Reports how long it took.
 */
import type { TreeSitterRuntime } from '../index/parse/treeSitterRuntime';
import { type LocateInput, type LocateResult, locateNextEdits } from './locateNextEdit';
import { grammarOf, syntaxAncestors } from './syntaxAncestors';

export interface LocateRequest extends Omit<LocateInput, 'ancestors'> {
  readonly languageId?: string;
}

export interface TimedLocateResult extends LocateResult {
  readonly timings: { readonly syntaxMs: number; readonly locateMs: number };
}

export class NextEditLocator {
  constructor(private readonly runtime: () => Promise<TreeSitterRuntime> | undefined) {}

  async locate(request: LocateRequest): Promise<TimedLocateResult> {
    const t0 = performance.now();
    const language = grammarOf(request.file, request.languageId);
    const runtime = language ? this.runtime() : undefined;
    let ancestors: Awaited<ReturnType<typeof syntaxAncestors>> = [];
    if (runtime && language) {
      try {
        ancestors = await syntaxAncestors(await runtime, language, request.lines, request.cursor);
      } catch {
        ancestors = []; // no grammar here: lines only
      }
    }
    const t1 = performance.now();
    const result = locateNextEdits({ ...request, ancestors });
    return { ...result, timings: { syntaxMs: t1 - t0, locateMs: performance.now() - t1 } };
  }
}
