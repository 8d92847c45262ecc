import { readFileSync } from 'node:fs';
import { nonNegativeInt, parse, resolveFile, workspaceDir } from '../cliArgs';
import { type CliCommand, CliError } from '../cliCommand';
import { cliHub, cliModelError, interruptSignal, MODEL_FLAGS, MODEL_FLAGS_USAGE } from '../cliModels';

/**
 * `banyan complete --file F --line L --character C`: a fill-in-the-middle completion at a position,
 * through the configured completion model (or --base-url/--model). Prefix and suffix come from the
 * file alone for now; repository context joins when the completion pipeline lands.
 */
export const completeCommand: CliCommand = {
  name: 'complete',
  summary: 'Complete code at a position with the completion model (FIM)',
  usage: `banyan complete --file FILE --line N --character N [--max-tokens N] ${MODEL_FLAGS_USAGE}`,
  async run(args, io) {
    const { values } = parse(args, { ...MODEL_FLAGS, file: { type: 'string' }, line: { type: 'string' }, character: { type: 'string' }, 'max-tokens': { type: 'string' } }, false);
    if (!values.file) throw new CliError('complete needs --file FILE --line N --character N', 2);
    const workspace = workspaceDir(values.workspace);
    const file = resolveFile(workspace, values.file);
    const line = nonNegativeInt('line', values.line);
    const character = nonNegativeInt('character', values.character);
    const maxTokens = values['max-tokens'] === undefined ? undefined : Number(values['max-tokens']);
    if (maxTokens !== undefined && (!Number.isInteger(maxTokens) || maxTokens < 1)) throw new CliError(`--max-tokens must be a positive integer, got "${values['max-tokens']}"`, 2);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      throw new CliError(`cannot read ${file}: ${(err as Error).message}`, 2);
    }
    const offset = offsetAt(text, line, character);
    const hub = cliHub(workspace, values, ['completion'], io);
    const interrupt = interruptSignal();
    try {
      let out = '';
      let done: unknown;
      for await (const ev of hub.complete({ prefix: text.slice(0, offset), suffix: text.slice(offset), filePath: values.file, ...(maxTokens ? { maxTokens } : {}) }, interrupt.signal)) {
        if (ev.type === 'text') {
          out += ev.text;
          if (!values.json) process.stdout.write(ev.text);
        } else if (ev.type === 'done') done = ev;
      }
      if (values.json) io.stdout(JSON.stringify({ completion: out, ...(done as object) }, null, 2));
      else process.stdout.write('\n');
      return 0;
    } catch (err) {
      throw cliModelError(err);
    } finally {
      interrupt.dispose();
      await hub.dispose();
    }
  },
};

function offsetAt(text: string, line: number, character: number): number {
  let offset = 0;
  for (let l = 0; l < line; l++) {
    const nl = text.indexOf('\n', offset);
    if (nl < 0) throw new CliError(`--line ${line} is past the end of the file (${l + 1} lines)`, 2);
    offset = nl + 1;
  }
  const end = text.indexOf('\n', offset);
  const lineLength = (end < 0 ? text.length : end) - offset;
  if (character > lineLength) throw new CliError(`--character ${character} is past the end of line ${line} (${lineLength} characters)`, 2);
  return offset + character;
}
