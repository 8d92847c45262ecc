import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nameWords, readCursorContext } from '@src/core/completion/context/cursorContext';

describe('cursor context', () => {
  const text = [
    "import { A, B } from './ab';",
    'const {',
    '  kFirst,',
    '  kSecond',
    "} = require('./keys');",
    '',
    'function run(items) {',
    '  const total = A(items);',
    '  this.users.fin',
    '  return B(total) + later(kSecond);',
    '}',
  ].join('\n');
  const imports = [{ source: './ab', line: 0, names: ['A', 'B'] }, { source: './keys', line: 4 }];
  const c = readCursorContext(text, 8, '  this.users.fin'.length, imports);

  it('reads the partial identifier and the receiver chain', () => {
    assert.equal(c.partial, 'fin');
    assert.deepEqual(c.receiver, ['this', 'users']);
  });

  it('import statements count as imports, also a destructuring that a require call closes', () => {
    assert.deepEqual([...c.importLines].sort((a, b) => a - b), [0, 1, 2, 3, 4]);
    assert.ok(!c.usedBefore.has('kSecond') && !c.usedBefore.has('B'), 'names only in imports are not used yet');
    assert.ok(c.usedBefore.has('A') && c.usedBefore.has('total'));
    assert.ok(!c.usedBefore.has('fin'), 'the partial identifier is what is being typed');
  });

  it('names used only after the cursor, with their distance', () => {
    assert.equal(c.onlyAfter.get('later'), 1);
    assert.equal(c.onlyAfter.get('kSecond'), 1);
    assert.ok(!c.onlyAfter.has('total'), 'used before');
  });

  it('words near the cursor weigh more the nearer they are', () => {
    assert.ok((c.terms.get('user') ?? 0) > (c.terms.get('item') ?? 0), 'plural words count as their singular');
    assert.ok(!c.terms.has('ab'), 'import lines do not describe the code being written');
  });

  it('no receiver after an operator', () => {
    assert.equal(readCursorContext('x = y + ', 0, 8, []).receiver, undefined);
    assert.deepEqual(readCursorContext('  await svc.', 0, 12, []).receiver, ['svc']);
    assert.deepEqual(readCursorContext('obj->fn()->', 0, 11, []).receiver, ['obj', 'fn']);
  });

  it('splits names into words', () => {
    assert.deepEqual(nameWords('minimizeSupportedMimeType'), ['minimize', 'supported', 'mime', 'type']);
    assert.deepEqual(nameWords('HTTPServer'), ['http', 'server']);
    assert.deepEqual(nameWords('parse_JSON_value'), ['parse', 'json', 'value']);
    assert.deepEqual(nameWords('$ZodLiteral'), ['zod', 'literal']);
  });
});

describe('cursor context: call results', () => {
  it('a call’s arguments do not hide its receiver', () => {
    assert.deepEqual(readCursorContext('    return Parser(*args, **kws).', 0, 32, []).receiver, ['Parser']);
    assert.deepEqual(readCursorContext('x = a.make(f(1), [2]).', 0, 22, []).receiver, ['a', 'make']);
  });
});

describe('cursor context: a chain continued on a new line', () => {
  const read = (lines: string[]) => readCursorContext(lines.join('\n'), lines.length - 1, lines.at(-1)!.length, []);

  it('the head’s type and the members called so far, arguments over several lines skipped', () => {
    const c = read(['let app = Command::new("x")', '    .about("y")', '    .arg(', '        Arg::new("z").long("q"),', '    )', '    .']);
    assert.deepEqual(c.continuation, { head: 'Command', members: ['arg', 'about'] });
    assert.equal(c.receiver, undefined);
    assert.deepEqual(read(['Request r = new Request.Builder()', '    .url(u)', '    .']).continuation, { head: 'Request', members: ['url'] });
  });

  it('no continuation: a chain inside a call’s arguments, a line not starting with a dot, a blank line above', () => {
    assert.equal(read(['run(Command::new("x")', '    .']).continuation, undefined);
    assert.equal(read(['let a = b', '    x.']).continuation, undefined);
    assert.equal(read(['', '    .']).continuation, undefined);
    assert.deepEqual(read(['let v = items', '    .iter()', '    .']).continuation, { members: ['iter'] });
  });
});
