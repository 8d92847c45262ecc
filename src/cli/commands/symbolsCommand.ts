import { parse, workspaceDir } from '../cliArgs';
import { type CliCommand, CliError } from '../cliCommand';
import { openCliIndex } from '../indexStorage';

/** `banyan symbols <name>`: where a name is defined, from the workspace's index. */
export const symbolsCommand: CliCommand = {
  name: 'symbols',
  summary: 'Find symbol definitions by name in the code index',
  usage: 'banyan symbols <name> [--workspace DIR] [--fuzzy] [--limit N] [--storage DIR] [--json]\n  Exact name by default; --fuzzy ranks case-insensitive exact, prefix and substring matches.',
  async run(args, io) {
    const { values, positionals } = parse(args, {
      workspace: { type: 'string' },
      fuzzy: { type: 'boolean' },
      limit: { type: 'string' },
      storage: { type: 'string' },
      json: { type: 'boolean' },
    });
    const name = positionals[0];
    if (!name) throw new CliError('symbols needs a name, e.g. banyan symbols UserService', 2);
    const limit = values.limit === undefined ? 50 : Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1) throw new CliError(`--limit must be a positive integer, got "${values.limit}"`, 2);
    const index = await openCliIndex(workspaceDir(values.workspace), values.storage ? { storage: values.storage } : {});
    const hits = values.fuzzy ? index.findSymbols(name, limit) : index.symbols(name, { limit });
    await index.close();
    if (values.json) {
      io.stdout(JSON.stringify(hits.map((h) => ({ name: h.name, kind: h.kind, container: h.container ?? null, file: h.rel, path: h.path, startLine: h.startLine, endLine: h.endLine, nameLine: h.nameLine, signature: h.signature })), null, 2));
    } else if (!hits.length) {
      io.stdout(`No definition of "${name}" in the index.${values.fuzzy ? '' : ' Try --fuzzy.'}`);
    } else {
      for (const h of hits) io.stdout(`${h.rel}:${h.nameLine + 1}  ${h.kind}  ${h.container ? `${h.container}.` : ''}${h.name}  — ${h.signature}`);
    }
    return 0;
  },
};
