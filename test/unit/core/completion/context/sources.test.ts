/** Similar snippets and recent edits/files on the TypeScript fixture. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { readCursorContext } from '@src/core/completion/context/cursorContext';
import { recentEditCandidates, recentFileCandidates } from '@src/core/completion/context/recentSource';
import { similarCandidates } from '@src/core/completion/context/similarSource';
import { type FixtureWorkspace, openFixture } from './fixtureIndex';

describe('similar and recent sources', () => {
  let ws: FixtureWorkspace;
  before(async () => (ws = await openFixture('ts')));
  after(() => ws.close());

  it('similar snippets: code that looks like the lines before the cursor, never from the document', () => {
    const text = "import { Database } from './database';\n\nexport async function archive(db: Database) {\n  const id = db.nextId('archive');\n  await db.put('archive', id, ";
    const file = ws.file('src/services/archive.ts');
    const c = similarCandidates(ws.index, file, readCursorContext(text, 4, 30, []));
    assert.ok(c.length > 0);
    assert.ok(c.every((x) => x.source === 'similar' && x.file !== file));
    assert.ok(c.slice(0, 3).some((x) => /nextId\('(orders|users)'\)/.test(x.text)), c.map((x) => x.text).join('\n---\n'));
  });

  it('recent edits: the edited range with a little context, newest first, never the document itself', () => {
    const app = ws.file('src/app.ts');
    const c = recentEditCandidates(ws.index, app, [
      { file: ws.file('src/util/format.ts'), startLine: 6, endLine: 6 },
      { file: app, startLine: 0, endLine: 1 },
      { file: ws.file('src/services/database.ts'), startLine: 20, endLine: 21, text: 'nextId(table: string): string {\n  return table;' },
    ]);
    assert.deepEqual(c.map((x) => [x.file.endsWith('format.ts'), x.startLine]), [[true, 3], [false, 20]]);
    assert.match(c[0]!.text, /formatMoney/);
    assert.ok(c[0]!.score > c[1]!.score);
  });

  it('recent files: the window most like the code before the cursor', () => {
    const text = 'function total(order) {\n  return formatMoney(order.cents, order.currency';
    const c = recentFileCandidates(ws.index, ws.file('src/x.ts'), [ws.file('src/util/format.ts'), ws.file('src/x.ts')], readCursorContext(text, 1, 46, []));
    assert.equal(c.length, 1);
    assert.match(c[0]!.text, /export function formatMoney/);
  });
});
