import type { ProviderKind } from '../types';
import { anthropic } from './anthropic';
import { embedded } from './embedded';
import { llamacppInfill } from './llamacppInfill';
import { ollamaNative } from './ollamaNative';
import { openaiCompatible } from './openaiCompatible';
import type { ModelProvider } from './provider';

/** Provider by kind; adding one is a file and a line here. */
export const PROVIDERS: Readonly<Record<ProviderKind, ModelProvider>> = {
  ollama: ollamaNative,
  'openai-compatible': openaiCompatible,
  llamacpp: llamacppInfill,
  anthropic,
  embedded,
};
