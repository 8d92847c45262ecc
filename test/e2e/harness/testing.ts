import type { Page } from 'playwright-core';
import type { FakeModelServer } from '../../fixtures/fakeModelServer';
import type { CodeServer } from './codeServer';

/**
 * The e2e runner's tiny test model: a spec file exports `tests`, a list of named steps that run in
 * order against one shared workbench page; a failing step is recorded (with a screenshot) and the
 * next one still runs.
 */
export interface UiContext {
  readonly page: Page;
  readonly server: CodeServer;
  /** The fake model server whose address the extension host got as BANYAN_E2E_MODEL_URL; script answers on it. */
  readonly fakeModel: FakeModelServer;
  /** Saves a PNG of the page under the run's output folder and returns its path. */
  screenshot(name: string): Promise<string>;
  log(message: string): void;
}

export interface E2eTest<C> {
  readonly name: string;
  readonly timeoutMs: number;
  run(ctx: C): Promise<void>;
}

export function uiTest(name: string, run: (ctx: UiContext) => Promise<void>, timeoutMs = 60_000): E2eTest<UiContext> {
  return { name, run, timeoutMs };
}

export interface TestResult {
  readonly suite: string;
  readonly name: string;
  readonly ok: boolean;
  readonly ms: number;
  readonly error?: string;
}

export async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export async function runTests<C>(suite: string, tests: readonly E2eTest<C>[], ctx: C, onFailure: (t: E2eTest<C>) => Promise<void>): Promise<TestResult[]> {
  const results: TestResult[] = [];
  for (const t of tests) {
    const started = Date.now();
    try {
      await withTimeout(t.run(ctx), t.timeoutMs, t.name);
      results.push(report({ suite, name: t.name, ok: true, ms: Date.now() - started }));
    } catch (err) {
      await onFailure(t).catch(() => undefined);
      results.push(report({ suite, name: t.name, ok: false, ms: Date.now() - started, error: err instanceof Error ? err.message : String(err) }));
    }
  }
  return results;
}

/** Prints one result line; an error shows its first lines (Playwright appends whole browser logs), results.json keeps all. */
export function report(r: TestResult): TestResult {
  const mark = r.ok ? 'ok  ' : 'FAIL';
  const lines = (r.error ?? '').split('\n').filter((l) => !/^\s*\[pid=\d+\]/.test(l));
  const shown = lines.length > 40 ? [...lines.slice(0, 40), `… (${lines.length - 40} more lines in results.json)`] : lines;
  console.log(`  ${mark} ${r.suite} › ${r.name} (${r.ms} ms)${r.error ? `\n       ${shown.join('\n       ')}` : ''}`);
  return r;
}

export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}
