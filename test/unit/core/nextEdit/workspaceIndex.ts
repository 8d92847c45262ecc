/** A temporary workspace of given files and its code index (parsed inline), for the location sources. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CodeIndex } from '@src/core/index/codeIndex';
import { LocatorContext, type LocatorInput } from '@src/core/nextEdit/locations/locatorContext';
import type { HistoryHunk } from '@src/core/nextEdit/types';

export interface TestWorkspace {
  readonly root: string;
  readonly index: CodeIndex;
  file(rel: string): string;
  lines(rel: string): string[];
  close(): Promise<void>;
}

/** `name`: the workspace folder's name (default: a temporary folder's). */
export async function workspace(files: Readonly<Record<string, string>>, name?: string): Promise<TestWorkspace> {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'banyan-next-edit-'));
  const root = name ? path.join(tmp, name) : tmp;
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), text);
  }
  const index = await CodeIndex.open({ roots: [root], workers: 0 });
  await index.refresh();
  return {
    root,
    index,
    file: (rel) => path.join(root, rel),
    lines: (rel) => files[rel]!.split('\n'),
    close: async () => {
      await index.close({ save: false });
      rmSync(tmp, { recursive: true, force: true });
    },
  };
}

/** A hunk in `rel`: `oldLines` became the lines now at `newStart`. */
export function hunk(ws: TestWorkspace, rel: string, newStart: number, oldLines: string[], newLines: string[], seq = 0): HistoryHunk {
  return { file: ws.file(rel), newStart, oldLines, newLines, seq };
}

export function context(ws: TestWorkspace, rel: string, cursor: { line: number; character: number }, history: readonly HistoryHunk[], extra: Partial<LocatorInput> = {}): LocatorContext {
  return new LocatorContext({ file: ws.file(rel), lines: ws.lines(rel), cursor, history, index: ws.index, ...extra });
}
