// The cases of one case file through one `banyan` CLI in sequence, as the harness's run.mjs runs them
// (one copy of the checkout, each case's state written before its call and HEAD restored after it, one
// index storage for the run), keeping each answer as OUT/<case id>.json — to replay a run's index history
// against bench/nextEdit/compareCli.mjs without the other repositories. Answers only: no scores, no times.
//   node bench/nextEdit/cliSequence.mjs CASES.jsonl SNAPSHOT_DIR CLI_JS OUT_DIR [--limit N]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { harnessDir } from './harnessDir.mjs';

const [casesFile, snap, cli, out] = process.argv.slice(2);
if (!casesFile || !snap || !cli || !out) { console.error('usage: cliSequence.mjs CASES.jsonl SNAPSHOT_DIR CLI_JS OUT_DIR [--limit N]'); process.exit(2); }
const limitAt = process.argv.indexOf('--limit');
const limit = limitAt > 0 ? Number(process.argv[limitAt + 1]) : Infinity;
const lib = await import(path.join(harnessDir(), 'lib.mjs'));
const cases = fs.readFileSync(casesFile, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l)).slice(0, limit);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'banyan-cli-sequence-'));
try {
  const ws = path.join(tmp, `ws-${cases[0].repo}`);
  if (spawnSync('cp', ['-a', `${path.resolve(snap)}/.`, ws]).status !== 0) fs.cpSync(snap, ws, { recursive: true });
  fs.mkdirSync(out, { recursive: true });
  const history = path.join(tmp, 'history.diff');
  for (const c of cases) {
    const states = lib.caseStates(c, (rel) => fs.readFileSync(path.join(snap, rel), 'utf8'));
    for (const [rel, text] of Object.entries(states)) fs.writeFileSync(path.join(ws, rel), text);
    fs.writeFileSync(history, c.history);
    const r = spawnSync(process.execPath, [path.resolve(cli), 'next-edit', '--locations', '--workspace', ws, '--file', path.join(ws, c.file), '--line', String(c.line), '--character', String(c.character), '--history', history],
      { encoding: 'utf8', env: { ...process.env, XDG_CACHE_HOME: path.join(tmp, 'cache'), BANYAN_INDEX_DIR: '' } });
    if (r.status !== 0) process.stderr.write(`${c.id}: exit ${r.status}: ${r.stderr.trim().slice(-300)}\n`);
    fs.writeFileSync(path.join(out, `${c.id}.json`), r.stdout);
    for (const rel of Object.keys(states)) fs.copyFileSync(path.join(snap, rel), path.join(ws, rel));
  }
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
