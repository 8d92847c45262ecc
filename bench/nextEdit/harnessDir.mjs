// Where the shared next-edit harness lives: $BANYAN_NEXT_EDIT_HARNESS, else shared/bench/next-edit beside
// the checkout (../shared for the main checkout, ../../shared for a worktree under /work/wt).
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');

export function harnessDir() {
  const candidates = process.env.BANYAN_NEXT_EDIT_HARNESS
    ? [path.resolve(process.env.BANYAN_NEXT_EDIT_HARNESS)]
    : [path.resolve(root, '..', 'shared', 'bench', 'next-edit'), path.resolve(root, '..', '..', 'shared', 'bench', 'next-edit')];
  const dir = candidates.find((d) => fs.existsSync(path.join(d, 'run.mjs')));
  if (!dir) throw new Error(`next-edit harness not found (looked in ${candidates.join(', ')}): set BANYAN_NEXT_EDIT_HARNESS to its folder`);
  return dir;
}
