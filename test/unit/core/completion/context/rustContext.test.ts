/**
 * Rust: a parameter's declared type (`out: &mut printer::Printer`), `self.` in an impl block (the
 * type's methods in the other files of its module folder), module paths (`printer::`), and a builder
 * chain continued on a new line (`    .` under `SearchBuilder::new(…)`). On the Rust fixture.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { declaredType } from '@src/core/completion/context/receiverTypes';
import { candidatesAfter, type FixtureWorkspace, openFixture } from './fixtureIndex';

describe('completion context in Rust', () => {
  let ws: FixtureWorkspace;
  before(async () => (ws = await openFixture('rust')));
  after(() => ws.close());

  const at = (rel: string, marker: string) => candidatesAfter(ws, rel, marker);
  const rank = (cands: readonly { symbol?: string }[], symbol: string) => cands.findIndex((c) => c.symbol === symbol);

  it('declared types: a reference parameter with a path, a constructor call', () => {
    assert.equal(declaredType('out', 'fn run(out: &mut printer::Printer) {', 'main.rs'), 'Printer');
    assert.equal(declaredType('w', "fn f<'a>(w: &'a dyn Write) {", 'main.rs'), 'Write');
    assert.equal(declaredType('p', 'let mut p = printer::Printer::new(true);', 'main.rs'), 'Printer');
    assert.equal(declaredType('p', 'let p = make();', 'main.rs'), undefined);
  });

  it('`out.` typed by its parameter: the methods of every impl block of the type, in either file', () => {
    const c = at('src/main.rs', 'out.');
    const summary = rank(c, 'Printer.print_summary');
    assert.ok(summary >= 0 && summary < 6, `Printer.print_summary at ${summary}`);
    assert.equal(c[summary]!.file, ws.file('src/printer/summary.rs'));
    assert.ok(rank(c, 'Printer.flush') >= 0 && rank(c, 'Printer.flush') < 8);
  });

  it('`self.` in an impl block: the type’s methods from the impl block in another file', () => {
    const c = at('src/printer/summary.rs', '        self.'); // the line `self.report_totals(fresh);`
    assert.ok(rank(c, 'Printer.flush') >= 0 && rank(c, 'Printer.flush') < 6, `Printer.flush at ${rank(c, 'Printer.flush')}`);
  });

  it('`printer::` a module path: the items of the module folder it names', () => {
    const c = at('src/main.rs', 'out: &mut printer::');
    const printer = rank(c, 'Printer');
    assert.ok(printer >= 0 && printer < 3, `Printer at ${printer}`);
    assert.equal(c[printer]!.file, ws.file('src/printer/mod.rs'));
  });

  it('a chain continued on a new line: the type its head names', () => {
    const c = at('src/main.rs', '        .'); // the line `.ignore_case(true)` under `SearchBuilder::new("needle")`
    const depth = rank(c, 'SearchBuilder.max_depth');
    assert.ok(depth >= 0 && depth < 6, `SearchBuilder.max_depth at ${depth}`);
    assert.ok(rank(c, 'SearchBuilder.build') >= 0);
  });
});
