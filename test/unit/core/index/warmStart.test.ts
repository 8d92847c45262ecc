/**
 * Warm starts on a changed disk: whatever happened while no index ran (files added, removed, renamed,
 * edited with their mtime put back, ignore rules changed, a folder renamed, a branch switched), the
 * next warm start's index equals a cold build of the same tree — while an unchanged tree is not read
 * again (the saved scan listing and the recorded file times are trusted).
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { CodeIndex } from '@src/core/index/codeIndex';
import { UNSETTLED_TIME } from '@src/core/index/model';
import { collectingLogger, copyWorkspace, tempDir, write } from './helpers/tempWorkspace';

/** A clock an hour ahead: every time on disk looks settled, so the warm start takes its fast path. */
const settledClock = () => Date.now() + 3_600_000;

describe('warm start', () => {
  let ws: ReturnType<typeof copyWorkspace>;
  let store: ReturnType<typeof tempDir>;
  const opened: CodeIndex[] = [];
  const file = (rel: string) => path.join(ws.dir, rel);

  /** Opens and refreshes the index; `foldersRead`/`parsed` from its debug log. */
  const open = async (options: { clock?: () => number; storageDir?: string; saveAfterParsing?: number } = {}) => {
    const log = collectingLogger();
    const index = await CodeIndex.open({ roots: [ws.dir], storageDir: options.storageDir ?? store.dir, workers: 0, logger: log.logger, clock: options.clock ?? settledClock, ...(options.saveAfterParsing ? { saveAfterParsing: options.saveAfterParsing } : {}) });
    opened.push(index);
    await index.refresh();
    const scanned = log.lines.find((l) => /scanned \d+ files \(\d+ folders read\)/.test(l));
    const processed = log.lines.find((l) => /processed \d+ changed files/.test(l));
    return { index, foldersRead: Number(/\((\d+) folders read\)/.exec(scanned ?? '')?.[1] ?? NaN), parsed: Number(/processed (\d+)/.exec(processed ?? '')?.[1] ?? 0) };
  };
  /** What the index holds: each file's relative path and content hash, and its symbol count. */
  const content = (index: CodeIndex) => ({
    files: [...index.entries()].map((f) => `${f.rel} ${f.hash}`).sort(),
    symbols: index.stats().symbols,
  });
  /** A cold build of the same tree in a fresh store, to compare with. */
  const coldContent = async () => {
    const fresh = tempDir('banyan-cold-');
    try {
      const { index } = await open({ storageDir: fresh.dir });
      const c = content(index);
      await index.close({ save: false });
      return c;
    } finally {
      fresh.cleanup();
    }
  };
  /** Builds, saves and closes the index: the state a warm start finds. */
  const buildAndClose = async () => {
    const { index } = await open();
    await index.close();
    await fsClockPast(newestTime(ws.dir));
  };
  const warm = async () => {
    const result = await open();
    assert.deepEqual(content(result.index), await coldContent());
    return result;
  };

  beforeEach(() => {
    ws = copyWorkspace();
    store = tempDir('banyan-store-');
  });
  afterEach(async () => {
    for (const index of opened.splice(0)) await index.close({ save: false });
    ws.cleanup();
    store.cleanup();
  });

  it('with nothing changed, reads no folder and parses no file', async () => {
    await buildAndClose();
    const { foldersRead, parsed } = await warm();
    assert.equal(foldersRead, 0);
    assert.equal(parsed, 0);
  });

  it('sees a file added, and reads only the folder it was added to', async () => {
    await buildAndClose();
    write(ws.dir, 'src/services/billing.ts', 'export class BillingService {\n  charge(): void {}\n}\n');
    const { index, foldersRead, parsed } = await warm();
    assert.equal(index.symbols('BillingService').length, 1);
    assert.equal(foldersRead, 1);
    assert.equal(parsed, 1);
  });

  it('sees a file removed', async () => {
    await buildAndClose();
    rmSync(file('src/util.ts'));
    const { index } = await warm();
    assert.equal(index.file(file('src/util.ts')), undefined);
  });

  it('sees a file renamed', async () => {
    await buildAndClose();
    renameSync(file('src/services/userService.ts'), file('src/services/accounts.ts'));
    const { index } = await warm();
    assert.equal(index.symbols('UserService')[0]?.rel, 'src/services/accounts.ts');
    assert.equal(index.file(file('src/services/userService.ts')), undefined);
  });

  it('sees an edit that keeps the size and puts the mtime back', async () => {
    const target = file('src/util.ts');
    const before = readFileSync(target, 'utf8');
    const edited = before.replace(/export function (\w+)/, (_m, name: string) => `export function ${'z'.repeat(name.length)}`);
    assert.notEqual(edited, before);
    assert.equal(Buffer.byteLength(edited), Buffer.byteLength(before));
    // Whole seconds, so that putting them back is exact (as touch -r or rsync -t would).
    const stamp = Math.floor(Date.now() / 1000) - 86_400;
    utimesSync(target, stamp, stamp);
    await buildAndClose();
    writeFileSync(target, edited);
    utimesSync(target, stamp, stamp);
    assert.equal(statSync(target).mtimeMs, stamp * 1000);
    const { index, parsed } = await warm();
    assert.equal(parsed, 1);
    assert.ok(index.symbolsInFile(target).some((s) => /^z+$/.test(s.name)));
  });

  it('sees a .gitignore edited in place: newly ignored files go, newly unignored ones come', async () => {
    write(ws.dir, 'src/generated/schema.ts', 'export interface GeneratedSchema { id: string }\n');
    await buildAndClose();
    const gitignore = file('.gitignore');
    const rules = readFileSync(gitignore, 'utf8');
    assert.match(rules, /^ignored\/$/m);
    // In place: the folder's own times do not move, only the file's.
    writeFileSync(gitignore, `${rules.replace(/^ignored\/$/m, '')}\nsrc/generated/\n`);
    const { index } = await warm();
    assert.equal(index.symbols('GeneratedSchema').length, 0);
    assert.equal(index.symbols('SECRET_TOKEN').length, 1);
  });

  it('sees a .gitignore replaced by a rename (as editors save): rules reach into folders that did not change', async () => {
    await buildAndClose();
    const gitignore = file('.gitignore');
    writeFileSync(`${gitignore}.tmp`, `${readFileSync(gitignore, 'utf8')}\nformat.ts\n`);
    renameSync(`${gitignore}.tmp`, gitignore);
    const { index } = await warm();
    assert.equal(index.file(file('src/lib/format.ts')), undefined);
  });

  it('sees a nested .gitignore created, then removed', async () => {
    await buildAndClose();
    write(ws.dir, 'src/services/.gitignore', 'userService.ts\n');
    assert.equal((await warm()).index.symbols('UserService').length, 0);
    for (const index of opened.splice(0)) await index.close();
    await fsClockPast(newestTime(ws.dir));
    rmSync(file('src/services/.gitignore'));
    assert.equal((await warm()).index.symbols('UserService').length, 1);
  });

  it('sees a folder renamed', async () => {
    await buildAndClose();
    renameSync(file('src/services'), file('src/domain'));
    const { index } = await warm();
    assert.equal(index.symbols('UserService')[0]?.rel, 'src/domain/userService.ts');
    assert.ok(![...index.entries()].some((f) => f.rel.startsWith('src/services/')));
  });

  it('sees a branch switch: files added, removed and changed, a folder new and one gone', async (t) => {
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', '-c', 'init.defaultBranch=main', ...args], { cwd: ws.dir, stdio: 'pipe' });
    try {
      git('--version');
    } catch {
      t.skip('git is not installed');
      return;
    }
    git('init', '-q');
    git('add', '-A');
    git('commit', '-q', '-m', 'base');
    git('checkout', '-q', '-b', 'feature');
    write(ws.dir, 'src/payments/gateway.ts', 'export function chargeCard(amount: number): number {\n  return amount;\n}\n');
    rmSync(file('src/util.ts'));
    writeFileSync(file('src/services/userService.ts'), `${readFileSync(file('src/services/userService.ts'), 'utf8')}\nexport function featureOnly(): void {}\n`);
    git('add', '-A');
    git('commit', '-q', '-m', 'feature');
    git('checkout', '-q', 'main');
    await fsClockPast(newestTime(ws.dir));
    await buildAndClose();
    git('checkout', '-q', 'feature');
    const onFeature = await warm();
    assert.equal(onFeature.index.symbols('chargeCard').length, 1);
    assert.equal(onFeature.index.symbols('featureOnly').length, 1);
    assert.equal(onFeature.index.file(file('src/util.ts')), undefined);
    for (const index of opened.splice(0)) await index.close();
    await fsClockPast(newestTime(ws.dir));
    git('checkout', '-q', 'main');
    const back = await warm();
    assert.equal(back.index.symbols('chargeCard').length, 0);
    assert.equal(back.index.symbols('featureOnly').length, 0);
    assert.ok(back.index.file(file('src/util.ts')));
  });

  it('does not trust times read too soon after a change: such files are read again at the next start', async () => {
    // The real clock: the workspace was just written, so every file changed moments before it was read.
    const first = await open({ clock: Date.now });
    const util = first.index.file(file('src/util.ts'));
    assert.equal(util?.ctimeMs, UNSETTLED_TIME);
    await first.index.close();
    const files = first.index.stats().files;
    // Nothing changed, but nothing was trusted: every file's content is checked (none re-parsed: same hashes).
    const second = await open();
    assert.equal(second.parsed, files);
    assert.notEqual(second.index.file(file('src/util.ts'))?.ctimeMs, UNSETTLED_TIME);
    await second.index.close();
    // Now settled and saved: nothing to check.
    assert.equal((await open()).parsed, 0);
  });

  it('as the CLI opens it (no save on close, saveAfterParsing), settles times read too soon: a later start checks nothing', async () => {
    // A workspace indexed right after it was copied: every time too recent to trust.
    const first = await open({ clock: Date.now, saveAfterParsing: 2 });
    const files = first.index.stats().files;
    assert.ok(files > 2);
    await first.index.close({ save: false });
    // Every file's content checked, none changed: their new times are worth writing down.
    const second = await open({ saveAfterParsing: 2 });
    assert.equal(second.parsed, files);
    await second.index.close({ save: false });
    assert.equal((await open({ saveAfterParsing: 2 })).parsed, 0);
  });
});

/** The newest mtime or ctime of any entry below `dir`. */
function newestTime(dir: string): number {
  let newest = 0;
  const walk = (d: string) => {
    const st = statSync(d);
    newest = Math.max(newest, st.mtimeMs, st.ctimeMs);
    if (!st.isDirectory()) return;
    for (const name of readdirSync(d)) walk(path.join(d, name));
  };
  walk(dir);
  return newest;
}

/**
 * Waits until the file system's clock has moved past `time`, so that the next change gets later times
 * than anything the index saw (file times advance in ticks of a few ms).
 */
async function fsClockPast(time: number): Promise<void> {
  const probe = tempDir('banyan-clock-');
  try {
    const p = path.join(probe.dir, 'probe');
    for (;;) {
      writeFileSync(p, String(Math.random()));
      if (statSync(p).ctimeMs > time) return;
      await new Promise((resolve) => setImmediate(resolve));
    }
  } finally {
    probe.cleanup();
  }
}
