/**
 * Families without file-separator tokens see other files as comments above the current file, the way
 * their training data looked ("// Path: a.ts" then the lines commented out).
 */
import type { FimSnippet } from '../types';

const HASH = new Set(['python', 'ruby', 'shellscript', 'perl', 'r', 'yaml', 'toml', 'dockerfile', 'makefile', 'elixir', 'powershell', 'julia', 'nim', 'coffeescript']);
const DASH = new Set(['lua', 'sql', 'haskell', 'elm', 'ada']);
const HASH_EXT = /\.(py|pyi|rb|sh|bash|zsh|pl|r|ya?ml|toml|ex|exs|ps1|jl|nim|coffee)$|(^|\/)(Dockerfile|Makefile)$/i;
const DASH_EXT = /\.(lua|sql|hs|elm|adb|ads)$/i;

/** The line-comment marker for a language id, falling back to the file extension, then `//`. */
export function lineComment(languageId: string | undefined, path: string | undefined): string {
  if (languageId && HASH.has(languageId)) return '#';
  if (languageId && DASH.has(languageId)) return '--';
  if (path && HASH_EXT.test(path)) return '#';
  if (path && DASH_EXT.test(path)) return '--';
  return '//';
}

export function snippetsAsComments(snippets: readonly FimSnippet[] | undefined, languageId: string | undefined, currentPath: string | undefined): string {
  if (!snippets?.length) return '';
  const c = lineComment(languageId, currentPath);
  const blocks = snippets.map((s) => [`${c} Path: ${s.path}`, ...s.content.replace(/\n$/, '').split('\n').map((l) => (l ? `${c} ${l}` : c))].join('\n'));
  const here = currentPath ? `\n${c} Path: ${currentPath}` : '';
  return `${blocks.join('\n\n')}\n${here}\n`;
}
