/**
 * The in-host test model: files named *.inhost.ts call `test()`; the runner bundles them with this
 * file into one module whose `run()` VS Code calls inside the extension host (extensionTestsPath).
 * Each result is written to the file named by BANYAN_E2E_INHOST_RESULTS (the extension host inherits
 * code-server's environment), and run() rejects when any test failed, so the exit code says it too.
 */
import { writeFileSync } from 'node:fs';

interface InHostTest {
  readonly name: string;
  readonly fn: () => Promise<void>;
  readonly timeoutMs: number;
}

export interface InHostResult {
  readonly name: string;
  readonly ok: boolean;
  readonly ms: number;
  readonly error?: string;
}

const tests: InHostTest[] = [];

export function test(name: string, fn: () => Promise<void>, timeoutMs = 30_000): void {
  tests.push({ name, fn, timeoutMs });
}

export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

export async function run(): Promise<void> {
  const results: InHostResult[] = [];
  for (const t of tests) {
    const started = Date.now();
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        t.fn(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`timed out after ${t.timeoutMs} ms`)), t.timeoutMs);
        }),
      ]);
      results.push({ name: t.name, ok: true, ms: Date.now() - started });
    } catch (err) {
      results.push({ name: t.name, ok: false, ms: Date.now() - started, error: err instanceof Error ? err.message : String(err) });
    } finally {
      clearTimeout(timer);
    }
  }
  const out = process.env.BANYAN_E2E_INHOST_RESULTS;
  if (out) writeFileSync(out, JSON.stringify(results, null, 2));
  const failed = results.filter((r) => !r.ok);
  if (failed.length) throw new Error(`${failed.length} in-host test(s) failed: ${failed.map((f) => f.name).join('; ')}`);
}
