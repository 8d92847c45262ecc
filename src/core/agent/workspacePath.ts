/**
 * Resolves a path the model wrote to a file inside a workspace folder. Paths that leave every folder
 * (`../`, absolute elsewhere, through a symlink) are refused: the agent works on the workspace only.
 */
import { realpathSync } from 'node:fs';
import * as path from 'node:path';

export interface WorkspaceFile {
  readonly abs: string;
  /** Relative to its folder, forward slashes. */
  readonly rel: string;
  readonly root: string;
}

export function resolveWorkspacePath(roots: readonly string[], p: string): WorkspaceFile | undefined {
  const clean = p.trim().replace(/^@/, '').replace(/^file:\/\//, '');
  if (clean.includes('\0')) return undefined;
  for (const root of roots) {
    const abs = path.resolve(root, clean || '.');
    const rel = path.relative(root, abs);
    if (rel.startsWith('..') || path.isAbsolute(rel)) continue;
    if (!insideAfterLinks(root, abs)) continue;
    return { abs, rel: rel.split(path.sep).join('/') || '.', root };
  }
  return undefined;
}

/** The deepest existing ancestor of `abs`, with links resolved, must still lie in the root. */
function insideAfterLinks(root: string, abs: string): boolean {
  let realRoot: string;
  try {
    realRoot = realpathSync(root);
  } catch {
    return false;
  }
  let probe = abs;
  for (;;) {
    try {
      const rel = path.relative(realRoot, realpathSync(probe));
      return !rel.startsWith('..') && !path.isAbsolute(rel);
    } catch {
      const up = path.dirname(probe);
      if (up === probe) return false;
      probe = up;
    }
  }
}

/** An absolute path as shown to the model: relative to the workspace folder that holds it, else as is. */
export function shownPath(roots: readonly string[], abs: string): string {
  const root = roots.find((r) => abs.startsWith(r));
  return root ? abs.slice(root.length + 1) : abs;
}

export function outsideMessage(p: string): string {
  return `"${p}" is not inside the workspace; use a workspace-relative path.`;
}
