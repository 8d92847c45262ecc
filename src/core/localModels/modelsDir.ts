import * as os from 'node:os';
import * as path from 'node:path';

/**
 * Where built-in models live outside VS Code (the CLI, `banyan serve` for other editors):
 * $BANYAN_MODELS_DIR, else the platform's data folder + banyan/models. The extension uses its global
 * storage instead.
 */
export function defaultModelsDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.BANYAN_MODELS_DIR) return env.BANYAN_MODELS_DIR;
  if (platform === 'win32') return path.join(env.LOCALAPPDATA || path.join(os.homedir(), 'AppData', 'Local'), 'banyan', 'models');
  if (platform === 'darwin') return path.join(os.homedir(), 'Library', 'Application Support', 'banyan', 'models');
  return path.join(env.XDG_DATA_HOME || path.join(os.homedir(), '.local', 'share'), 'banyan', 'models');
}
