/**
 * What a CommonJS module exports, read from its lines: the index records each member a module or
 * object gets by assignment or in an object literal (`exports.f = …`, `obj.m = …`, `{ m() {} }`, with
 * the object as their container); this adds what those symbols cannot say — which name `module.exports`
 * is bound to (`module.exports = res`, `var app = exports = module.exports = {}`,
 * `exports = module.exports = createApplication`), a whole-module re-export
 * (`module.exports = require('./lib/express')`), members re-exported from another module
 * (`exports.parseBody = parsers.parseBody`), and the objects mixed into others
 * (`merge(server, proto)`, `mixin(app, EventEmitter.prototype)`, `Object.assign(target, source)`).
 */

export interface ModuleShape {
  /** The identifier `module.exports` is bound to (an object, function or class of the file). */
  readonly exportName?: string;
  /** `module.exports = require('…')`: the whole module is another one. */
  readonly exportRequire?: string;
  /** `module.exports = { … }` with no name: its members' container is `module.exports`. */
  readonly exportsLiteral: boolean;
  /** `exports.name = source` where source is another binding's member or a require. */
  readonly reExports: readonly { readonly name: string; readonly line: number; readonly source: string }[];
  /** `merge(target, source)` and the like, anywhere in the file. */
  readonly mixins: readonly { readonly target: string; readonly source: string; readonly line: number }[];
}

const ID = '[A-Za-z_$][\\w$]*';
/** `var x = exports = module.exports = <value>` in any order of its aliases. */
const EXPORT = new RegExp(`^\\s*(?:(?:var|let|const)\\s+(${ID})\\s*=\\s*)?(?:exports\\s*=\\s*)?module\\.exports\\s*=\\s*(?:exports\\s*=\\s*)?(.*)$`);
const RE_EXPORT = new RegExp(`^(?:module\\.)?exports\\.(${ID})\\s*=\\s*((?:${ID}|require\\s*\\(\\s*['"][^'"]+['"]\\s*\\))(?:\\.${ID})*)\\s*;?\\s*$`);
const MIXIN = new RegExp(`\\b(?:merge|mixin|extend|assign|mixInto|defaults)\\s*\\(\\s*(${ID}(?:\\.${ID})*)\\s*,\\s*([^,)]+)`, 'g');
const SET_PROTOTYPE = new RegExp(`\\bObject\\.setPrototypeOf\\s*\\(\\s*(${ID})\\s*,\\s*([^,)]+)\\)`, 'g');
const CREATE = new RegExp(`^\\s*(?:(?:var|let|const)\\s+)?(${ID})\\s*=\\s*(?:module\\.exports\\s*=\\s*)?Object\\.create\\s*\\(\\s*([^,)]+)`);

export function moduleShape(lines: readonly string[]): ModuleShape {
  let exportName: string | undefined;
  let exportRequire: string | undefined;
  let exportsLiteral = false;
  const reExports: { name: string; line: number; source: string }[] = [];
  const mixins: { target: string; source: string; line: number }[] = [];
  lines.forEach((line, i) => {
    if (line.length > 400) return;
    const e = /module\.exports\s*=/.test(line) ? EXPORT.exec(line) : null;
    if (e) {
      const value = e[2]!.trim();
      const req = /^require\s*\(\s*['"]([^'"]+)['"]\s*\)\s*;?$/.exec(value)?.[1];
      const named = new RegExp(`^(?:new\\s+)?(?:(?:async\\s+)?function\\*?\\s*|class\\s+)?(${ID})`).exec(value)?.[1];
      if (req) exportRequire = req;
      else if (e[1]) exportName = e[1];
      else if (value.startsWith('{')) exportsLiteral = true;
      else if (named && !['function', 'class', 'new', 'require'].includes(named)) exportName = named;
    }
    const r = /^(?:module\.)?exports\./.test(line) ? RE_EXPORT.exec(line) : null;
    if (r && !/^(?:true|false|null|undefined)$/.test(r[2]!)) reExports.push({ name: r[1]!, line: i, source: r[2]! });
    if (line.includes('(')) {
      for (const re of [MIXIN, SET_PROTOTYPE]) {
        for (const m of line.matchAll(re)) mixins.push({ target: m[1]!, source: m[2]!.trim(), line: i });
      }
      const c = line.includes('Object.create') ? CREATE.exec(line) : null;
      if (c) mixins.push({ target: c[1]!, source: c[2]!.trim(), line: i });
    }
  });
  return { ...(exportName ? { exportName } : {}), ...(exportRequire ? { exportRequire } : {}), exportsLiteral, reExports, mixins };
}
