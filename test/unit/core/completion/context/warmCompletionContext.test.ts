/**
 * warmCompletionContext prepares, off the keystroke path, what the first assembly would otherwise build:
 * on an index restored from its snapshot, the search postings (rebuilt on first use).
 */
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { assembleCompletionContext, warmCompletionContext } from '@src/core/completion/context/assembleContext';
import { CodeIndex } from '@src/core/index/codeIndex';
import { InvertedIndex } from '@src/core/index/search/invertedIndex';
import { FIXTURES } from './fixtureIndex';

/** A clock an hour ahead: every time on disk looks settled, so the warm start restores without re-reading. */
const settledClock = () => Date.now() + 3_600_000;

describe('warmCompletionContext', () => {
  let tmp: string;
  let dir: string;
  const store = () => path.join(tmp, 'store');
  const restored = async () => {
    const index = await CodeIndex.open({ roots: [dir], storageDir: store(), workers: 0, clock: settledClock });
    await index.refresh();
    return index;
  };
  /** Calls of the postings' full rebuild while `run` runs. */
  const rebuilds = (run: () => void): number => {
    const proto = InvertedIndex.prototype as unknown as { rebuildBase(): void };
    const original = proto.rebuildBase;
    let calls = 0;
    proto.rebuildBase = function (this: unknown) {
      calls++;
      original.call(this);
    };
    try {
      run();
    } finally {
      proto.rebuildBase = original;
    }
    return calls;
  };
  const assemble = (index: CodeIndex) => {
    const file = path.join(dir, 'src/app.ts');
    const text = readFileSync(file, 'utf8');
    const lines = text.split('\n');
    const line = lines.findIndex((l) => l.includes('await userService.'));
    const position = { line, character: lines[line]!.indexOf('await userService.') + 'await userService.'.length };
    return assembleCompletionContext({ index, file, text, position, languageId: 'typescript', budgetTokens: 1024 });
  };

  before(async () => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'banyan-warm-context-'));
    dir = path.join(tmp, 'ts');
    cpSync(path.join(FIXTURES, 'ts'), dir, { recursive: true });
    const built = await CodeIndex.open({ roots: [dir], storageDir: store(), workers: 0, clock: settledClock });
    await built.refresh();
    await built.close();
  });
  after(() => rmSync(tmp, { recursive: true, force: true }));

  it('a restored index, warmed, serves the first assembly without rebuilding its postings; the same snippets as unwarmed', async () => {
    const cold = await restored();
    let coldSnippets: ReturnType<typeof assemble>['snippets'] = [];
    assert.ok(rebuilds(() => (coldSnippets = assemble(cold).snippets)) > 0, 'unwarmed, the first assembly rebuilds the restored postings');
    await cold.close({ save: false });

    const warmed = await restored();
    warmCompletionContext(warmed);
    let warmSnippets: ReturnType<typeof assemble>['snippets'] = [];
    assert.equal(rebuilds(() => (warmSnippets = assemble(warmed).snippets)), 0);
    assert.deepEqual(warmSnippets, coldSnippets);
    assert.ok(warmSnippets.length > 0);
    await warmed.close({ save: false });
  });
});
