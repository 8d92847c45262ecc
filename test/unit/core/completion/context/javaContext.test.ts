/** Java: imports bind their class, the package's classes need no import, static final fields are members. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { importBindings } from '@src/core/completion/context/importBindings';
import { candidatesAfter, type FixtureWorkspace, openFixture } from './fixtureIndex';

const BASE = 'src/main/java/com/acme';

describe('completion context in Java', () => {
  let ws: FixtureWorkspace;
  before(async () => (ws = await openFixture('java')));
  after(() => ws.close());

  const at = (rel: string, marker: string) => candidatesAfter(ws, rel, marker);
  const rel = (f: string) => f.slice(ws.dir.length + 1).replace(`${BASE}/`, '');

  it('an import binds its class to the class’s file', () => {
    const file = ws.file(`${BASE}/billing/Invoice.java`);
    const b = importBindings(ws.index, file, ws.text(`${BASE}/billing/Invoice.java`).split('\n'));
    assert.deepEqual(b.get('Money')?.files.map(rel), ['core/Money.java']);
    assert.deepEqual(b.get('Ledger')?.files.map(rel), ['report/Ledger.java']);
  });

  it('an imported class not used yet is proposed as the class, not its constructor', () => {
    const c = at(`${BASE}/billing/Invoice.java`, '        Ledger');
    const ledger = c.filter((x) => rel(x.file) === 'report/Ledger.java');
    assert.equal(ledger[0]?.symbol, 'Ledger');
    assert.ok(c.indexOf(ledger[0]!) < 3);
  });

  it('a class of the same package ranks above a namesake elsewhere', () => {
    const c = at(`${BASE}/billing/Invoice.java`, 'return new ');
    const same = c.findIndex((x) => rel(x.file) === 'billing/InvoiceFormatter.java');
    const other = c.findIndex((x) => rel(x.file) === 'report/InvoiceFormatter.java');
    assert.ok(same >= 0 && (other < 0 || same < other), `${same} / ${other}`);
  });

  it('`Money.` lists its static final constants', () => {
    const c = at(`${BASE}/billing/Invoice.java`, 'private Money total = Money.');
    assert.equal(rel(c[0]!.file), 'core/Money.java');
    assert.match(c[0]!.text, /ZERO/);
    assert.match(c[0]!.text, /CURRENCY/);
  });
});
