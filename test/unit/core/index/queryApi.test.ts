/** The query surface completion and chat use, on the fixture workspace. */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CodeIndex } from '@src/core/index/codeIndex';
import { copyWorkspace, write } from './helpers/tempWorkspace';

describe('code index queries', () => {
  let ws: ReturnType<typeof copyWorkspace>;
  let index: CodeIndex;
  const file = (rel: string) => path.join(ws.dir, rel);

  before(async () => {
    ws = copyWorkspace();
    write(ws.dir, '.git/config', '[core]\n\tbare = false\n[remote "origin"]\n\turl = https://user:secret@example.com/shop.git\n');
    write(ws.dir, 'src/services/userCache.ts', 'export function cacheUser(id: string, name: string) {\n  return { id, name };\n}\n');
    index = await CodeIndex.open({ roots: [ws.dir], workers: 0 });
    await index.refresh();
    await index.whenIdle();
  });
  after(async () => {
    await index.close();
    ws.cleanup();
  });

  it('members of a class, and the symbol at a line', () => {
    assert.deepEqual(index.membersOf('UserService').map((m) => m.name).sort(), ['findUser', 'registerUser']);
    assert.equal(index.symbolAt(file('src/services/userService.ts'), 10)?.name, 'findUser');
    assert.equal(index.symbolAt(file('src/services/userService.ts'), 7)?.name, 'UserService');
  });

  it('exact, case-insensitive and fuzzy symbol lookups', () => {
    assert.equal(index.symbols('userservice').length, 0);
    assert.equal(index.symbols('userservice', { ignoreCase: true })[0]?.name, 'UserService');
    assert.deepEqual(index.symbols('User', { kinds: ['interface'] }).map((s) => s.rel), ['src/services/userService.ts']);
    const fuzzy = index.findSymbols('user', 10).map((s) => s.name);
    assert.equal(fuzzy[0], 'User', 'the exact-case-insensitive match ranks first');
    assert.ok(fuzzy.includes('UserService') && fuzzy.includes('cacheUser'));
  });

  it('search excludes files and weights them', () => {
    const all = index.search('user name', { limit: 10 });
    assert.ok(all.some((h) => h.rel === 'src/services/userCache.ts'));
    const without = index.search('user name', { limit: 10, excludePaths: [file('src/services/userCache.ts')] });
    assert.ok(!without.some((h) => h.rel === 'src/services/userCache.ts'));
    const onlyServices = index.search('user name', { limit: 10, fileWeight: (p) => (p.endsWith('userService.ts') ? 1 : 0) });
    assert.ok(onlyServices.length > 0 && onlyServices.every((h) => h.rel === 'src/services/userService.ts'));
  });

  it('similar snippets rank the chunk that shares the most identifiers', () => {
    const hits = index.similar('const user = this.users.get(id);\nreturn user;', { limit: 3 });
    assert.equal(hits[0]?.rel, 'src/services/userService.ts');
    assert.equal(hits[0]?.symbol, 'UserService.findUser');
    assert.ok(hits[0]!.score > 0 && hits[0]!.score <= 1);
  });

  it('file facts and repository info', () => {
    const f = index.file(file('src/app.ts'));
    assert.equal(f?.summary, 'Application entry: wires the services together.');
    assert.equal(f?.language, 'typescript');
    const [repo] = index.repoInfo();
    assert.equal(repo?.readmeSummary, "A tiny shop in several languages, used by Banyan's index tests.");
    assert.equal(repo?.gitRemote, 'https://example.com/shop.git', 'credentials stripped');
    assert.equal(repo?.languages[0]?.language, 'typescript');
    assert.ok(repo?.layout.includes('src/') && repo.layout.includes('README.md'));
  });
});
