/** The completion-context fixture workspaces (TypeScript, Python, Go, CommonJS, Java, Rust), indexed in memory, in a temporary copy. */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CodeIndex } from '../../../../../src/core/index/codeIndex';

export const FIXTURES = path.resolve(__dirname, '../../../../fixtures/completion-context');

export interface FixtureWorkspace {
  readonly dir: string;
  readonly index: CodeIndex;
  file(rel: string): string;
  text(rel: string): string;
  /** 0-based line/character of the end of the first line containing `marker`. */
  endOf(rel: string, marker: string): { line: number; character: number };
  close(): Promise<void>;
}

export async function openFixture(name: 'ts' | 'py' | 'go' | 'js' | 'java' | 'rust'): Promise<FixtureWorkspace> {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'banyan-context-'));
  const dir = path.join(tmp, name);
  cpSync(path.join(FIXTURES, name), dir, { recursive: true });
  const index = await CodeIndex.open({ roots: [dir], workers: 0 });
  await index.refresh();
  const file = (rel: string) => path.join(dir, rel);
  const text = (rel: string) => readFileSync(file(rel), 'utf8');
  return {
    dir,
    index,
    file,
    text,
    endOf(rel, marker) {
      const lines = text(rel).split('\n');
      const line = lines.findIndex((l) => l.includes(marker));
      if (line < 0) throw new Error(`${marker} not in ${rel}`);
      return { line, character: lines[line]!.indexOf(marker) + marker.length };
    },
    async close() {
      await index.close();
      rmSync(tmp, { recursive: true, force: true });
    },
  };
}
