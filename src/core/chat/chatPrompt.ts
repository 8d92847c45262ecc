/**
 * The chat prompt's fixed parts. The system text and the repository overview do not change between
 * turns of a conversation, so they form a stable prefix that provider prompt caches reuse; per-turn
 * context (retrieved code, mentions, attachments) goes with the new question only.
 */
import type { RepoInfo } from '../index/repoInfo';
import { formatSnippet, type Snippet } from './snippet';

export const CHAT_SYSTEM_PROMPT = [
  'You are Banyan, a coding assistant inside the user\'s editor. You answer questions about the user\'s repository and write code for it.',
  'Ground every statement about the code in the context you were given or in what your tools return; if you are not sure, look it up with a tool or say so.',
  'Tools (search_code, read_file, list_symbols, find_definition) are read-only. Use them only when the given context is not enough, then answer.',
  'Cite the code you rely on as `path/to/file.ext:LINE` or `path/to/file.ext:START-END` (workspace-relative, 1-based) so the user can open it.',
  'When you propose a change to a file, give the complete new version of the changed function or block in a fenced code block whose info string names the language and the file, e.g. ```ts src/app.ts.',
  'Be concise.',
].join('\n');

/** Names, README summary, languages and layout: no counts, so the text stays stable while files change. */
export function repoOverview(infos: readonly RepoInfo[]): string {
  return infos
    .map((r) =>
      [
        `Repository: ${r.name}${r.gitRemote ? ` (${r.gitRemote})` : ''}`,
        r.readmeSummary ? `README: ${r.readmeSummary.length > 600 ? `${r.readmeSummary.slice(0, 600)}…` : r.readmeSummary}` : '',
        r.languages.length ? `Languages: ${r.languages.slice(0, 6).map((l) => l.language).join(', ')}` : '',
        r.layout.length ? `Top level: ${r.layout.slice(0, 30).join(' ')}` : '',
      ]
        .filter(Boolean)
        .join('\n'),
    )
    .join('\n\n');
}

export function turnContext(snippets: readonly Snippet[], blocks: readonly string[]): string {
  const out: string[] = [];
  if (blocks.length) out.push(...blocks);
  if (snippets.length) out.push(`Code from the workspace that may be relevant:\n\n${snippets.map(formatSnippet).join('\n\n')}`);
  return out.join('\n\n');
}
