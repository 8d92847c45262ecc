/**
 * CommonJS: members of what a module exports (`module.exports = res; res.sendJson = …`, an exported
 * object literal, `exports.X = …`, a whole-module re-export, member re-exports), of a factory's
 * product with mixins (`mixin(app, proto)`), of an object named like an untyped receiver, and of the
 * modules near the file when nothing else says. On the CommonJS fixture (an express-like package).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { moduleShape } from '@src/core/index/commonjs/moduleShape';
import { candidatesAfter, type FixtureWorkspace, openFixture } from './fixtureIndex';

describe('CommonJS module shapes', () => {
  it('what module.exports is bound to, whole and member re-exports, mixins', () => {
    assert.equal(moduleShape(['var app = exports = module.exports = {};']).exportName, 'app');
    assert.equal(moduleShape(['exports = module.exports = createApplication;']).exportName, 'createApplication');
    assert.equal(moduleShape(['module.exports = res;']).exportName, 'res');
    assert.equal(moduleShape(['module.exports = class Application extends Emitter {']).exportName, 'Application');
    assert.equal(moduleShape(["module.exports = require('./lib/express');"]).exportRequire, './lib/express');
    assert.equal(moduleShape(['module.exports = {', '  a() {},', '};']).exportsLiteral, true);
    assert.deepEqual(moduleShape(['exports.parseBody = parsers.parseBody;', "exports.json = require('./json');", 'exports.debug = true;']).reExports, [
      { name: 'parseBody', line: 0, source: 'parsers.parseBody' },
      { name: 'json', line: 1, source: "require('./json')" },
    ]);
    assert.deepEqual(moduleShape(['  mixin(app, proto, false);', 'merge(server, EventEmitter.prototype);', 'Object.assign(target, source)', 'var res = Object.create(proto);']).mixins, [
      { target: 'app', source: 'proto', line: 0 },
      { target: 'server', source: 'EventEmitter.prototype', line: 1 },
      { target: 'target', source: 'source', line: 2 },
      { target: 'res', source: 'proto', line: 3 },
    ]);
  });
});

describe('completion context in CommonJS', () => {
  let ws: FixtureWorkspace;
  before(async () => (ws = await openFixture('js')));
  after(() => ws.close());

  const at = (rel: string, marker: string) => candidatesAfter(ws, rel, marker);
  const top = (cands: readonly { symbol?: string; file: string }[], n: number) => cands.slice(0, n).map((c) => `${c.file.slice(ws.dir.length + 1)} ${c.symbol}`);

  it('`reply.` with `reply = require(\'../lib/response\')`: the object the module exports, grown by assignment', () => {
    const c = top(at('app/main.js', 'reply.'), 3);
    assert.ok(c.includes('lib/response.js res.sendJson') && c.includes('lib/response.js res.status'), c.join(', '));
  });

  it('`minimal.`: exports.X of the module a whole-module re-export points to, and a re-exported member’s definition', () => {
    const c = top(at('app/main.js', 'var parsed = minimal.'), 8);
    for (const s of ['lib/minimal.js parseBody', 'lib/minimal.js Router', 'lib/minimal.js application', 'lib/parsers.js parseBody']) assert.ok(c.includes(s), `${s} in ${c.join(', ')}`);
  });

  it('`app.` with `app = minimal()`: what the factory mixes into the object it returns', () => {
    const c = top(at('app/main.js', 'app.'), 4);
    for (const s of ['lib/application.js app.enable', 'lib/application.js app.handle', 'lib/application.js app.set']) assert.ok(c.includes(s), `${s} in ${c.join(', ')}`);
  });

  it('`server.` with `server = minimal.createServer()`: the class the factory returns an instance of', () => {
    const c = top(at('app/main.js', 'server.'), 4);
    assert.ok(c.includes('lib/server.js Server.dispatch') && c.includes('lib/server.js Server.listen'), c.join(', '));
  });

  it('an untyped `res.`: the object named like it', () => {
    const c = top(at('app/handlers.js', '  res.'), 2);
    assert.deepEqual(c.sort(), ['lib/response.js res.sendJson', 'lib/response.js res.status']);
  });

  it('an untyped receiver named like no object: members of the modules this one requires', () => {
    const c = top(at('app/handlers.js', 'return ctx.'), 4);
    assert.ok(c.includes('lib/util.js module.exports.formatDate') && c.includes('lib/util.js module.exports.slugify'), c.join(', '));
  });
});
