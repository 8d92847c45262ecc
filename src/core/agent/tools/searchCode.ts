/** search_code: the code index (BM25 over identifiers and words), best chunks with file:line. */
import type { AgentTool } from '../types';
import { cap, failed, str } from './toolArgs';

export const searchCodeTool: AgentTool = {
  category: 'read',
  definition: {
    name: 'search_code',
    description: 'Search the workspace code index by identifiers or keywords. Returns the best matching code chunks with file:line.',
    parameters: { type: 'object', properties: { query: { type: 'string' } }, required: ['query'] },
  },
  async run(args, ctx) {
    const query = str(args, 'query').trim();
    if (!query) return failed('Searched (no query)', 'search_code needs a "query" string.');
    if (!ctx.index) return failed(`Searched \`${query}\``, 'The code index is not available (indexing is off or still starting); use grep instead.');
    const hits = ctx.index.search(query, { limit: 6 });
    const body = hits.map((h) => `${h.rel}:${h.startLine + 1}-${h.endLine + 1}${h.symbol ? ` (${h.symbol})` : ''}\n${h.text ?? ''}`).join('\n\n');
    return { title: `Searched \`${query}\` · ${hits.length} result${hits.length === 1 ? '' : 's'}`, content: cap(body || `No results for "${query}".`), detail: hits.map((h) => `${h.rel}:${h.startLine + 1}`).join('\n') };
  },
};
