import { readFileSync } from 'node:fs';
import * as path from 'node:path';

/** Where things are: the repository, its packaged .vsix, and the folder every e2e run writes into. */
export const ROOT = path.resolve(__dirname, '..', '..', '..');
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { name: string; publisher: string; version: string };

export const EXTENSION_ID = `${pkg.publisher}.${pkg.name}`;
export const VERSION = pkg.version;
export const VSIX = path.join(ROOT, `${pkg.name}-${pkg.version}.vsix`);
/** The package for this machine, with the built-in model's runtime (scripts/package.mjs). */
export const VSIX_PLATFORM = path.join(ROOT, `${pkg.name}-${pkg.version}-${process.platform}-${process.arch}.vsix`);
export const OUTPUT_DIR = path.join(ROOT, 'test-output', 'e2e');
export const SAMPLE_WORKSPACE = path.join(ROOT, 'sample-workspace');
export const CODE_SERVER_BIN = path.join(ROOT, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
export const CHROMIUM = '/usr/bin/chromium';
