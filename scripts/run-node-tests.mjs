/**
 * Runs every *.test.ts under the given folders, and the given test files, with Node's test runner
 * (TypeScript through tsx). Node 20's --test does not expand globs, so the files are listed here.
 *   node scripts/run-node-tests.mjs test/unit [more folders or files] [-- extra node --test flags]
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';

const argv = process.argv.slice(2);
const dash = argv.indexOf('--');
const dirs = dash >= 0 ? argv.slice(0, dash) : argv;
const extra = dash >= 0 ? argv.slice(dash + 1) : [];

function collect(dir, out) {
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) collect(full, out);
    else if (name.endsWith('.test.ts')) out.push(full);
  }
  return out;
}

function kindOf(p) {
  try {
    return statSync(p).isDirectory() ? 'dir' : 'file';
  } catch {
    console.error(`no such test folder or file: ${p}`);
    process.exit(1);
  }
}

const files = dirs.flatMap((d) => (kindOf(d) === 'dir' ? collect(d, []) : [d]));
if (files.length === 0) {
  console.error(`no *.test.ts files in ${dirs.join(', ')}`);
  process.exit(1);
}
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...extra, ...files], { stdio: 'inherit' });
process.exit(result.status ?? 1);
