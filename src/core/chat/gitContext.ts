/**
 * `@git`: the uncommitted diff and the recent commit messages of each workspace folder (they carry
 * the user's intent). Runs git directly, bounded in time and size; a folder that is not a repository
 * contributes nothing.
 */
import { execFile } from 'node:child_process';

const MAX_DIFF_CHARS = 16_000;
const TIMEOUT_MS = 5_000;

function git(cwd: string, args: readonly string[]): Promise<string> {
  return new Promise((resolve) => {
    execFile('git', [...args], { cwd, timeout: TIMEOUT_MS, maxBuffer: 4 * 1024 * 1024, windowsHide: true }, (err, stdout) => resolve(err ? '' : stdout));
  });
}

export async function gitContext(roots: readonly string[]): Promise<string> {
  const parts: string[] = [];
  for (const root of roots) {
    const [status, diff, log] = await Promise.all([
      git(root, ['status', '--short']),
      git(root, ['diff', 'HEAD', '--no-color', '--no-ext-diff']),
      git(root, ['log', '-n', '10', '--no-color', '--format=%h %s']),
    ]);
    if (!status && !diff && !log) continue;
    const cut = diff.length > MAX_DIFF_CHARS ? `${diff.slice(0, MAX_DIFF_CHARS)}\n… (diff cut)` : diff;
    parts.push(
      [`Git state of ${root}:`, status ? `Changed files:\n${status.trimEnd()}` : 'No uncommitted changes.', cut ? `Uncommitted diff:\n\`\`\`diff\n${cut.trimEnd()}\n\`\`\`` : '', log ? `Recent commits:\n${log.trimEnd()}` : '']
        .filter(Boolean)
        .join('\n'),
    );
  }
  return parts.join('\n\n');
}
