/**
 * Writes package.json `contributes` and `capabilities` from the single sources (commands, settings,
 * views, the settings restricted in untrusted workspaces).
 *   npm run manifest          write it
 *   npm run manifest -- --check  exit 1 when package.json is out of date
 */
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { capabilities, contributes } from '../src/extension/contributes';

const file = path.join(__dirname, '..', 'package.json');
const pkg = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
const next = { ...pkg, contributes: contributes(), capabilities: capabilities() };
const text = `${JSON.stringify(next, null, 2)}\n`;
if (process.argv.includes('--check')) {
  if (readFileSync(file, 'utf8') !== text) {
    console.error('package.json contributes or capabilities is out of date: run `npm run manifest`');
    process.exit(1);
  }
} else {
  writeFileSync(file, text);
  console.log('package.json contributes and capabilities updated');
}
