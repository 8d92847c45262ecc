import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { readCursorContext } from '@src/core/completion/context/cursorContext';
import { importBindings } from '@src/core/completion/context/importBindings';
import { declaredType, resolveReceiver } from '@src/core/completion/context/receiverTypes';
import { type FixtureWorkspace, openFixture } from './fixtureIndex';

describe('receiver types', () => {
  it('reads a variable’s type from its declaration', () => {
    assert.equal(declaredType('svc', 'const svc: UserService = make();'), 'UserService');
    assert.equal(declaredType('svc', 'const svc = new UserService(db);'), 'UserService');
    assert.equal(declaredType('svc', 'svc = services.UserService()'), 'UserService');
    assert.equal(declaredType('svc', 'constructor(private readonly svc: UserService) {}'), 'UserService');
    assert.equal(declaredType('svc', 'UserService svc = new UserService();'), 'UserService');
    assert.equal(declaredType('db', 'self.db = Database()\nother = 1'), 'Database');
    assert.equal(declaredType('svc', 'const svc = make();'), undefined);
  });

  describe('on the TypeScript fixture', () => {
    let ws: FixtureWorkspace;
    before(async () => (ws = await openFixture('ts')));
    after(() => ws.close());

    const receiverAt = (rel: string, text: string, marker: string) => {
      const pos = ws.endOf(rel, marker);
      const file = ws.file(rel);
      const cursor = readCursorContext(text, pos.line, pos.character, ws.index.file(file)?.imports ?? []);
      return resolveReceiver(ws.index, file, cursor, importBindings(ws.index, file, cursor.lines));
    };

    it('`userService.` is a UserService (from `= new UserService(db)`)', () => {
      const r = receiverAt('src/app.ts', ws.text('src/app.ts'), 'await userService.');
      assert.deepEqual(r?.containers.map((c) => [c.name, c.rel]), [['UserService', 'src/services/userService.ts']]);
    });

    it('`this.db.` is the field’s declared type', () => {
      const r = receiverAt('src/orders/orderService.ts', ws.text('src/orders/orderService.ts'), 'const id = this.db.');
      assert.deepEqual(r?.containers.map((c) => c.name), ['Database']);
    });
  });

  describe('on the Python fixture', () => {
    let ws: FixtureWorkspace;
    before(async () => (ws = await openFixture('py')));
    after(() => ws.close());

    it('`helpers.` after `from shop import helpers` is the module', () => {
      const file = ws.file('shop/app.py');
      const pos = ws.endOf('shop/app.py', 'email = helpers.');
      const cursor = readCursorContext(ws.text('shop/app.py'), pos.line, pos.character, ws.index.file(file)?.imports ?? []);
      const r = resolveReceiver(ws.index, file, cursor, importBindings(ws.index, file, cursor.lines));
      assert.deepEqual(r?.modules, [ws.file('shop/helpers.py')]);
    });
  });
});
