/**
 * `npm run package`: production build, then banyan-<version>.vsix with @vscode/vsce.
 * Dependencies are bundled by esbuild, so the .vsix carries no node_modules (--no-dependencies).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const out = path.join(root, `banyan-${pkg.version}.vsix`);
const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, stdio: 'inherit' });

run(process.execPath, [path.join(root, 'esbuild.mjs'), '--production']);
run(process.execPath, [path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', '--no-dependencies', '--skip-license', '--allow-missing-repository', '--out', out]);
console.log(JSON.stringify({ vsix: path.relative(root, out), bytes: statSync(out).size }));
