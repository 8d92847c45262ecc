import { parse, workspaceDir } from '../cliArgs';
import { type CliCommand, CliError } from '../cliCommand';
import { cliHub, cliModelError, MODEL_FLAGS, MODEL_FLAGS_USAGE } from '../cliModels';
import { formatReport } from '../../core/llm/diagnostics/formatReport';
import { MODEL_ROLES, type ModelRole } from '../../core/llm/types';
import { listLocalModels, pullModel, removeLocalModel } from './localModelsCommands';

/**
 * `banyan models test`: the connection test (real tiny requests per role) with its report; exit 1
 * when any check fails. `banyan models list`: the models an endpoint offers. The built-in model's
 * files: `models pull ID`, `models list --local`, `models rm ID` (localModelsCommands.ts).
 */
export const modelsCommand: CliCommand = {
  name: 'models',
  summary: 'Test the model connection (models test), list an endpoint\'s models (models list), or manage built-in models (models pull|list --local|rm)',
  usage: `banyan models test [--role ROLE]... ${MODEL_FLAGS_USAGE}\n       banyan models list [--role ROLE] ${MODEL_FLAGS_USAGE}\n       banyan models pull ID [--workspace DIR] [--json]        (into $BANYAN_MODELS_DIR; resumes, verifies sha256)\n       banyan models list --local [--workspace DIR] [--json]\n       banyan models rm ID [--workspace DIR]`,
  async run(args, io) {
    const { values, positionals } = parse(args, { ...MODEL_FLAGS, role: { type: 'string', multiple: true }, local: { type: 'boolean' } });
    const sub = positionals[0];
    if (sub === 'pull') return pullModel(workspaceDir(values.workspace), positionals[1], Boolean(values.json), io);
    if (sub === 'rm') return removeLocalModel(workspaceDir(values.workspace), positionals[1], io);
    if (sub === 'list' && values.local) return listLocalModels(workspaceDir(values.workspace), Boolean(values.json), io);
    if (sub !== 'test' && sub !== 'list') throw new CliError('usage: banyan models test|list|pull|rm [options] (see banyan help models)', 2);
    const roles = (values.role ?? []) as ModelRole[];
    for (const r of roles) if (!MODEL_ROLES.includes(r)) throw new CliError(`--role must be one of ${MODEL_ROLES.join(', ')}, got "${r}"`, 2);
    // With an endpoint on the command line, test what one endpoint can do: FIM and chat.
    const chosen: ModelRole[] = roles.length ? roles : values['base-url'] || values.model ? ['completion', 'chat'] : [...MODEL_ROLES];
    const hub = cliHub(workspaceDir(values.workspace), values, chosen, io);
    try {
      if (sub === 'list') {
        const e = hub.endpoints(chosen[0]!)[0]!;
        const models = await hub.listModels(e);
        io.stdout(values.json ? JSON.stringify(models, null, 2) : models.join('\n'));
        return 0;
      }
      // Every role by default, except one running on another role's endpoints (next-edit on edit).
      const reports = await hub.test(roles.length || values['base-url'] || values.model ? chosen : undefined);
      io.stdout(values.json ? JSON.stringify(reports, null, 2) : formatReport(reports));
      return reports.every((r) => r.ok) ? 0 : 1;
    } catch (err) {
      throw cliModelError(err);
    } finally {
      await hub.dispose();
    }
  },
};
