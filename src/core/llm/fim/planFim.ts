/**
 * Decides how one endpoint receives a FIM request: which template, raw prompt vs `suffix` field vs
 * llama.cpp /infill vs a chat-style prompt, and the stop sequences to apply.
 */
import type { EndpointConfig } from '../config/roleConfig';
import type { InfillPrompt } from '../providers/provider';
import type { FimRequest } from '../types';
import { detectFamily } from './detectFamily';
import type { FimPrompt, FimTemplate } from './fimTemplate';
import { planEmbeddedFim } from './planEmbeddedFim';
import { FIM_TEMPLATES } from './templates';

export interface FimPlan {
  readonly template: FimTemplate;
  readonly prompt: FimPrompt | InfillPrompt;
}

export function templateFor(e: Pick<EndpointConfig, 'provider' | 'model' | 'template'>): FimTemplate {
  if (e.provider === 'anthropic') return FIM_TEMPLATES.chat;
  if (e.template !== 'auto') return FIM_TEMPLATES[e.template];
  // A .gguf path names the model in its file name (Windows separators too).
  const family = detectFamily(e.provider === 'embedded' ? e.model.replace(/\\/g, '/') : e.model);
  return FIM_TEMPLATES[family ?? 'chat'];
}

export function planFim(e: EndpointConfig, req: FimRequest): FimPlan {
  const template = templateFor(e);
  const extraStops = req.stop ?? [];
  const input = {
    prefix: req.prefix, suffix: req.suffix,
    ...(req.filePath !== undefined ? { filePath: req.filePath } : {}),
    ...(req.languageId !== undefined ? { languageId: req.languageId } : {}),
    ...(req.repoName !== undefined ? { repoName: req.repoName } : {}),
    ...(req.snippets !== undefined ? { snippets: req.snippets } : {}),
  };
  if (e.provider === 'embedded') return { template, prompt: planEmbeddedFim(template, e.template !== 'auto', input, extraStops) };
  // llama.cpp formats FIM itself from the model's metadata (/infill); a template chosen in the
  // settings is rendered here and sent raw to its /completion (models whose GGUF lacks FIM tokens).
  if (e.provider === 'llamacpp' && (e.template === 'auto' || e.template === 'suffix-field') && template.id !== 'chat') {
    const family = FIM_TEMPLATES[detectFamily(e.model) ?? 'suffix-field'];
    const familyStops = family.render({ prefix: '', suffix: '' }).stop;
    return { template, prompt: { kind: 'infill', prefix: req.prefix, suffix: req.suffix, extra: req.snippets ?? [], stop: [...familyStops, ...extraStops] } };
  }
  const rendered = template.render(input);
  return { template, prompt: { ...rendered, stop: [...rendered.stop, ...extraStops] } };
}
