import { statSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CliError } from './cliCommand';

type Options = NonNullable<ParseArgsConfig['options']>;

/** parseArgs with readable errors; unknown flags are an error, not silently ignored. */
export function parse<O extends Options>(args: readonly string[], options: O, allowPositionals = true) {
  try {
    return parseArgs({ args: [...args], options, allowPositionals, strict: true });
  } catch (err) {
    throw new CliError(err instanceof Error ? err.message : String(err), 2);
  }
}

/** The workspace directory: --workspace or the current directory, absolute; one that is not a directory is a usage error. */
export function workspaceDir(value: string | undefined): string {
  const dir = path.resolve(value ?? process.cwd());
  let isDir = false;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    throw new CliError(`workspace ${dir} does not exist`, 2);
  }
  if (!isDir) throw new CliError(`workspace ${dir} is not a directory`, 2);
  return dir;
}

/** A FILE argument: absolute, or relative to the workspace. */
export function resolveFile(workspace: string, file: string): string {
  return path.isAbsolute(file) ? path.normalize(file) : path.resolve(workspace, file);
}

/** A 0-based line or character; rejects anything else with the flag's name in the message. */
export function nonNegativeInt(name: string, value: string | undefined): number {
  if (value === undefined) throw new CliError(`missing --${name}`, 2);
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new CliError(`--${name} must be a 0-based non-negative integer, got "${value}"`, 2);
  return n;
}
