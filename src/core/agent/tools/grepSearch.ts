/**
 * grep: a regular-expression search over the workspace files, honouring .gitignore and friends.
 * ripgrep (`rg`) does the work when it is installed; otherwise a JS scan (root .gitignore only,
 * no binaries, files under 1 MB) gives the same answer shape, slower.
 */
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import ignore from 'ignore';
import { looksBinary } from '../../index/scan/binaryDetection';
import type { AgentTool } from '../types';
import { outsideMessage, resolveWorkspacePath } from '../workspacePath';
import { cap, failed, str } from './toolArgs';

const MAX_MATCHES = 80;

export const grepTool: AgentTool = {
  category: 'read',
  definition: {
    name: 'grep',
    description: 'Search workspace files for a regular expression (ripgrep syntax), honouring .gitignore. Returns path:line: text.',
    parameters: {
      type: 'object',
      properties: {
        pattern: { type: 'string' },
        path: { type: 'string', description: 'folder or file to search (default: the workspace)' },
        glob: { type: 'string', description: 'only files matching this glob, e.g. "*.ts"' },
        ignoreCase: { type: 'boolean' },
      },
      required: ['pattern'],
    },
  },
  async run(args, ctx) {
    const pattern = str(args, 'pattern');
    if (!pattern) return failed('Grep (no pattern)', 'grep needs a "pattern".');
    let re: RegExp;
    try {
      re = new RegExp(pattern, args['ignoreCase'] === true ? 'i' : '');
    } catch (err) {
      return failed(`Grep \`${pattern}\``, `Invalid regular expression: ${(err as Error).message}`);
    }
    const where = str(args, 'path') || '.';
    const target = resolveWorkspacePath(ctx.roots, where);
    if (!target) return failed(`Grep \`${pattern}\``, outsideMessage(where));
    const glob = str(args, 'glob');
    const matches = (await ripgrep(pattern, target.abs, target.root, glob, args['ignoreCase'] === true, ctx.signal)) ?? (await scan(re, target.abs, target.root, glob));
    const shown = matches.slice(0, MAX_MATCHES);
    const more = matches.length > MAX_MATCHES ? `\n… ${matches.length - MAX_MATCHES} more matches; narrow the pattern or path` : '';
    return { title: `Grep \`${pattern}\` · ${matches.length} match${matches.length === 1 ? '' : 'es'}`, content: cap(shown.join('\n') + more || `No matches for /${pattern}/.`), detail: shown.slice(0, 20).join('\n') };
  },
};

/** rg's matches as `rel:line: text`, or undefined when rg is not installed. */
function ripgrep(pattern: string, target: string, root: string, glob: string, ignoreCase: boolean, signal: AbortSignal): Promise<string[] | undefined> {
  const args = ['--no-require-git', '--line-number', '--no-heading', '--color', 'never', '--max-columns', '300', '--max-count', '50', ...(ignoreCase ? ['-i'] : []), ...(glob ? ['-g', glob] : []), '-e', pattern, '--', path.relative(root, target) || '.'];
  return new Promise((resolve) => {
    execFile('rg', args, { cwd: root, maxBuffer: 8 * 1024 * 1024, signal }, (err, stdout) => {
      const code = (err as (NodeJS.ErrnoException & { code?: unknown }) | null)?.code;
      if (code === 'ENOENT') return resolve(undefined);
      // rg exits 1 for "no matches", 2 for errors (an unreadable file among matches still prints them).
      resolve(stdout.split('\n').filter(Boolean).map((l) => l.replace(/^\.\//, '')));
    });
  });
}

async function scan(re: RegExp, target: string, root: string, glob: string): Promise<string[]> {
  const ig = ignore().add('.git');
  try {
    ig.add(await fs.readFile(path.join(root, '.gitignore'), 'utf8'));
  } catch {
    // no .gitignore
  }
  const globRe = glob ? new RegExp(`(^|/)${glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*\*/g, '\0').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]').replace(/\0/g, '.*')}$`) : undefined;
  const out: string[] = [];
  const walk = async (abs: string): Promise<void> => {
    const rel = path.relative(root, abs).split(path.sep).join('/');
    const st = await fs.stat(abs).catch(() => undefined);
    if (!st || out.length > 1000) return;
    if (rel && ig.ignores(st.isDirectory() ? `${rel}/` : rel)) return;
    if (st.isDirectory()) {
      for (const name of (await fs.readdir(abs)).sort()) await walk(path.join(abs, name));
      return;
    }
    if (st.size > 1024 * 1024 || (globRe && !globRe.test(rel))) return;
    const bytes = await fs.readFile(abs);
    if (looksBinary(bytes)) return;
    bytes.toString('utf8').split(/\r?\n/).forEach((line, i) => {
      if (re.test(line)) out.push(`${rel}:${i + 1}:${line.slice(0, 300)}`);
    });
  };
  await walk(target);
  return out;
}
