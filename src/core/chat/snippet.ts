/** A piece of the workspace put in front of the model, and how it is cited. */
export type SnippetSource = 'bm25' | 'symbol' | 'embedding' | 'mention' | 'selection' | 'tool';

export interface Snippet {
  /** Absolute path. */
  readonly path: string;
  /** Workspace-relative, forward slashes: what the model and the user see. */
  readonly rel: string;
  /** 0-based, inclusive. */
  readonly startLine: number;
  readonly endLine: number;
  readonly text: string;
  readonly symbol?: string;
  readonly sources: readonly SnippetSource[];
}

/** `src/a.ts:12-30`: 1-based, the form the webview turns into a link. */
export function citation(s: Pick<Snippet, 'rel' | 'startLine' | 'endLine'>): string {
  return s.startLine === s.endLine ? `${s.rel}:${s.startLine + 1}` : `${s.rel}:${s.startLine + 1}-${s.endLine + 1}`;
}

/** A snippet as the model reads it: a header naming the lines, then the code fenced. */
export function formatSnippet(s: Snippet): string {
  const fence = s.text.includes('```') ? '~~~~' : '```';
  return `${citation(s)}${s.symbol ? ` (${s.symbol})` : ''}\n${fence}\n${s.text}\n${fence}`;
}
