/**
 * Facts about each workspace folder as a repository, for prompts and the status view: README summary,
 * git remote (from .git/config, no git process), language breakdown, top-level layout.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';

export interface RepoInfo {
  readonly root: string;
  readonly name: string;
  readonly readmeSummary?: string;
  readonly gitRemote?: string;
  /** Files per language label, most first. */
  readonly languages: readonly { readonly language: string; readonly files: number }[];
  /** Top-level entries (folders end with "/"), excluding hidden ones. */
  readonly layout: readonly string[];
}

export function readRepoInfo(root: string, languageCounts: ReadonlyMap<string, number>): RepoInfo {
  const readme = readmeSummary(root);
  const remote = gitRemote(root);
  return {
    root,
    name: path.basename(root),
    ...(readme ? { readmeSummary: readme } : {}),
    ...(remote ? { gitRemote: remote } : {}),
    languages: [...languageCounts].map(([language, files]) => ({ language, files })).sort((a, b) => b.files - a.files || (a.language < b.language ? -1 : 1)),
    layout: topLevel(root),
  };
}

/** The first paragraph of prose in README.* (headings, badges, HTML and blank lines skipped). */
export function readmeSummary(root: string): string | undefined {
  let names: string[];
  try {
    names = readdirSync(root).filter((n) => /^readme(\.(md|markdown|rst|txt))?$/i.test(n));
  } catch {
    return undefined;
  }
  if (!names.length) return undefined;
  let text: string;
  try {
    text = readFileSync(path.join(root, names.sort()[0]!), 'utf8').slice(0, 16384);
  } catch {
    return undefined;
  }
  const paragraph: string[] = [];
  let inFence = false;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line.startsWith('```')) inFence = !inFence;
    if (inFence || line.startsWith('```')) continue;
    const prose = line && !/^(#|=+$|-+$|\[!\[|!\[|<|\||>|\.\. )/.test(line);
    if (prose) paragraph.push(line.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/[*_`]/g, ''));
    else if (paragraph.length) break;
  }
  const s = paragraph.join(' ').trim();
  return s ? (s.length > 300 ? `${s.slice(0, 297)}…` : s) : undefined;
}

/** `remote "origin"` url (else the first remote) from .git/config, credentials stripped. */
export function gitRemote(root: string): string | undefined {
  let config: string;
  try {
    config = readFileSync(path.join(root, '.git', 'config'), 'utf8');
  } catch {
    return undefined;
  }
  const remotes = [...config.matchAll(/\[remote "([^"]+)"\]([^[]*)/g)].map((m) => ({ name: m[1], url: /^\s*url\s*=\s*(.+)$/m.exec(m[2]!)?.[1]?.trim() }));
  const pick = remotes.find((r) => r.name === 'origin' && r.url) ?? remotes.find((r) => r.url);
  return pick?.url?.replace(/\/\/[^@/]+@/, '//');
}

function topLevel(root: string): string[] {
  try {
    return readdirSync(root)
      .filter((n) => !n.startsWith('.'))
      .sort()
      .slice(0, 50)
      .map((n) => {
        try {
          return statSync(path.join(root, n)).isDirectory() ? `${n}/` : n;
        } catch {
          return n;
        }
      });
  } catch {
    return [];
  }
}
