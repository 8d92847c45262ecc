/**
 * FIM for the built-in model. With `template: auto` the host wraps prefix and suffix in the GGUF's own
 * FIM tokens; the family template (chosen from the model's name, as for servers) or, for an unknown
 * family, a chat-style prompt goes along as the fallback for a model without FIM tokens. Other
 * files go above the prefix as comments. An explicit template is used as it is.
 */
import type { InfillPrompt } from '../providers/provider';
import type { FimInput, FimPrompt, FimTemplate } from './fimTemplate';
import { snippetsAsComments } from './snippetComments';

export function planEmbeddedFim(template: FimTemplate, explicit: boolean, input: FimInput, extraStops: readonly string[]): FimPrompt | InfillPrompt {
  const rendered = template.render(input);
  const withStops = { ...rendered, stop: [...rendered.stop, ...extraStops] };
  if (explicit) return withStops;
  return {
    kind: 'infill',
    prefix: `${snippetsAsComments(input.snippets, input.languageId, input.filePath)}${input.prefix}`,
    suffix: input.suffix,
    extra: [],
    stop: [...extraStops],
    fallback: withStops,
  };
}
