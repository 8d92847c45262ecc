import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { readCursorContext } from '@src/core/completion/context/cursorContext';
import { definitionCandidates } from '@src/core/completion/context/definitionSource';
import { importBindings } from '@src/core/completion/context/importBindings';
import { type FixtureWorkspace, openFixture } from './fixtureIndex';

describe('definition source', () => {
  let ts: FixtureWorkspace;
  let py: FixtureWorkspace;
  before(async () => {
    ts = await openFixture('ts');
    py = await openFixture('py');
  });
  after(async () => {
    await ts.close();
    await py.close();
  });

  const candidates = (ws: FixtureWorkspace, rel: string, text: string, pos: { line: number; character: number }) => {
    const file = ws.file(rel);
    const cursor = readCursorContext(text, pos.line, pos.character, ws.index.file(file)?.imports ?? []);
    return definitionCandidates({ index: ws.index, file, cursor, bindings: importBindings(ws.index, file, cursor.lines) });
  };

  it('`userService.` puts UserService’s members first, as an outline of signatures', () => {
    const c = candidates(ts, 'src/app.ts', ts.text('src/app.ts'), ts.endOf('src/app.ts', 'await userService.'));
    assert.equal(c[0]?.symbol, 'UserService');
    assert.match(c[0]!.text, /export class UserService/);
    assert.match(c[0]!.text, /async findUser\(id: string\): Promise<User \| undefined> \{/);
    assert.match(c[0]!.text, /async deactivateUser\(id: string\): Promise<void> \{/);
    assert.doesNotMatch(c[0]!.text, /this\.db\.get/, 'bodies are left out');
  });

  it('never proposes the document itself', () => {
    const c = candidates(ts, 'src/app.ts', ts.text('src/app.ts'), ts.endOf('src/app.ts', 'await userService.'));
    assert.ok(c.every((x) => x.file !== ts.file('src/app.ts')));
  });

  it('an imported name not used yet ranks above one the file already uses', () => {
    const text = ts.text('src/app.ts').replace('formatUserName(user)', 'String(user)');
    const pos = ts.endOf('src/app.ts', 'const user = await userService.findUser(id);');
    const lines = text.split('\n');
    const c = candidates(ts, 'src/app.ts', text, { line: pos.line + 1, character: lines[pos.line + 1]!.indexOf('?') + 2 });
    const rank = (s: string) => c.findIndex((x) => x.symbol === s);
    assert.ok(rank('formatUserName') >= 0 && rank('formatMoney') >= 0);
    assert.ok(rank('formatUserName') < rank('Database'), 'Database is used already (new Database())');
  });

  it('the name being typed matches by prefix', () => {
    const text = 'import { UserService } from "./services/userService";\nconst n = formatU';
    const c = candidates(ts, 'src/app.ts', text, { line: 1, character: 17 });
    assert.equal(c[0]?.symbol, 'formatUserName');
  });

  it('Python: `helpers.` lists the module’s functions and constants', () => {
    const c = candidates(py, 'shop/app.py', py.text('shop/app.py'), py.endOf('shop/app.py', 'email = helpers.'));
    const top = c.slice(0, 3).map((x) => x.symbol).sort();
    assert.deepEqual(top, ['MAX_NAME_LENGTH', 'normalize_email', 'shorten_name']);
    assert.ok(c.slice(0, 3).every((x) => x.file === py.file('shop/helpers.py')));
  });

  it('Python: a constructor call types a local (service = UserService(...))', () => {
    const text = py.text('shop/app.py').replace('email = helpers.', 'email = service.');
    const pos = py.endOf('shop/app.py', 'email = helpers.');
    const c = candidates(py, 'shop/app.py', text, pos);
    assert.equal(c[0]?.symbol, 'UserService');
    assert.match(c[0]!.text, /def register_user\(self, name: str, email: str\):/);
  });
});
