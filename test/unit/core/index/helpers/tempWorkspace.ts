/** Temporary copies of fixture workspaces (tests mutate them) and small file-writing helpers. */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const FIXTURE_WORKSPACE = path.resolve(__dirname, '../../../../fixtures/index/workspace');

export function tempDir(prefix = 'banyan-index-'): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A copy of the fixture workspace plus the files git would not keep (ignored ones). */
export function copyWorkspace(): { dir: string; cleanup(): void } {
  const t = tempDir();
  const dir = path.join(t.dir, 'ws');
  cpSync(FIXTURE_WORKSPACE, dir, { recursive: true });
  write(dir, 'ignored/secret.ts', 'export const SECRET_TOKEN = 1;\n');
  write(dir, 'build.log', 'debug output\n');
  write(dir, 'node_modules/dep/index.js', 'module.exports = function depHelper() {};\n');
  return { dir, cleanup: t.cleanup };
}

export function write(root: string, rel: string, content: string | Uint8Array): string {
  const file = path.join(root, rel);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
  return file;
}

export const collectingLogger = () => {
  const lines: string[] = [];
  return {
    lines,
    logger: {
      error: (m: string) => void lines.push(`error: ${m}`),
      warn: (m: string) => void lines.push(`warn: ${m}`),
      info: (m: string) => void lines.push(`info: ${m}`),
      debug: (m: string) => void lines.push(`debug: ${m}`),
    },
  };
};
