// A plain checkout of a git directory's HEAD (what the next-edit harness calls a snapshot), written
// from `git ls-tree` + `git cat-file --batch` so that blobs absent from a partial mirror (its largest
// files) are skipped instead of failing the whole export as `git archive` does. Only reads the git dir.
//   node bench/nextEdit/checkout.mjs GIT_DIR OUT_DIR
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export function checkoutHead(gitDir, out) {
  const git = (args, input) => {
    const r = spawnSync('git', ['--git-dir', gitDir, ...args], { input: input === undefined ? undefined : Buffer.from(input), maxBuffer: 2 ** 31 });
    if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr.toString().slice(0, 300)}`);
    return r.stdout;
  };
  const entries = git(['ls-tree', '-r', '-z', 'HEAD']).toString('utf8').split('\0').filter(Boolean).map((l) => {
    const tab = l.indexOf('\t');
    const [mode, type, id] = l.slice(0, tab).split(' ');
    return { mode, type, id, path: l.slice(tab + 1) };
  }).filter((e) => e.type === 'blob' && e.mode !== '120000');
  const buf = git(['cat-file', '--batch'], entries.map((e) => e.id).join('\n') + '\n');
  let p = 0;
  let missing = 0;
  for (const e of entries) {
    const nl = buf.indexOf(10, p);
    const head = buf.subarray(p, nl).toString('utf8');
    if (head.endsWith(' missing')) { missing++; p = nl + 1; continue; }
    const size = Number(head.split(' ')[2]);
    const file = path.join(out, e.path);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, buf.subarray(nl + 1, nl + 1 + size), { mode: e.mode === '100755' ? 0o755 : 0o644 });
    p = nl + 1 + size + 1;
  }
  return { files: entries.length - missing, missing };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [gitDir, out] = process.argv.slice(2);
  if (!gitDir || !out) { console.error('usage: checkout.mjs GIT_DIR OUT_DIR'); process.exit(2); }
  console.log(JSON.stringify(checkoutHead(gitDir, out)));
}
