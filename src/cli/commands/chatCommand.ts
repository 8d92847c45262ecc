import { parse, workspaceDir } from '../cliArgs';
import { type CliCommand, CliError } from '../cliCommand';
import { cliHub, cliModelError, interruptSignal, MODEL_FLAGS, MODEL_FLAGS_USAGE } from '../cliModels';

const ROLES = ['chat', 'edit', 'agent'] as const;

/** `banyan chat "message"`: one streamed answer from the chat model (or --role edit/agent). */
export const chatCommand: CliCommand = {
  name: 'chat',
  summary: 'Ask the chat model one question and stream the answer',
  usage: `banyan chat "message" [--role chat|edit|agent] [--system TEXT] ${MODEL_FLAGS_USAGE}`,
  async run(args, io) {
    const { values, positionals } = parse(args, { ...MODEL_FLAGS, role: { type: 'string' }, system: { type: 'string' } });
    const message = positionals.join(' ').trim();
    if (!message) throw new CliError('chat needs a message, e.g. banyan chat "what does parseConfig do?"', 2);
    const role = (values.role ?? 'chat') as (typeof ROLES)[number];
    if (!ROLES.includes(role)) throw new CliError(`--role must be one of ${ROLES.join(', ')}, got "${values.role}"`, 2);
    const hub = cliHub(workspaceDir(values.workspace), values, [role], io);
    const interrupt = interruptSignal();
    try {
      let text = '';
      let done: unknown;
      const messages = [...(values.system ? [{ role: 'system' as const, content: values.system }] : []), { role: 'user' as const, content: message }];
      for await (const ev of hub.chat({ role, messages }, interrupt.signal)) {
        if (ev.type === 'text') {
          text += ev.text;
          if (!values.json) process.stdout.write(ev.text);
        } else if (ev.type === 'done') done = ev;
      }
      if (values.json) io.stdout(JSON.stringify({ answer: text, ...(done as object) }, null, 2));
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
