/** The completion-context fixture workspaces (TypeScript, Python, Go, CommonJS, Java, Rust), indexed in memory, in a temporary copy. */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readCursorContext } from '@src/core/completion/context/cursorContext';
import { definitionCandidates } from '@src/core/completion/context/definitionSource';
import { importBindings } from '@src/core/completion/context/importBindings';
import type { ContextCandidate } from '@src/core/completion/context/types';
import { CodeIndex } from '@src/core/index/codeIndex';

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

/** Definition candidates with the cursor after the first `marker` in `rel`, the rest of that line cut (as while typing it). */
export function candidatesAfter(ws: FixtureWorkspace, rel: string, marker: string): ContextCandidate[] {
  const file = ws.file(rel);
  const lines = ws.text(rel).split('\n');
  const line = lines.findIndex((l) => l.includes(marker));
  if (line < 0) throw new Error(`${marker} not in ${rel}`);
  const character = lines[line]!.indexOf(marker) + marker.length;
  lines[line] = lines[line]!.slice(0, character);
  const cursor = readCursorContext(lines.join('\n'), line, character, ws.index.file(file)?.imports ?? []);
  return definitionCandidates({ index: ws.index, file, cursor, bindings: importBindings(ws.index, file, cursor.lines) });
}
