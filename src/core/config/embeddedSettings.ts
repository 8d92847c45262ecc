/**
 * Settings of the built-in model (provider `embedded`): how the model host runs GGUF files, and where
 * the model catalogue comes from. Which model each role uses stays in `banyan.models.<role>.model`.
 */
import { booleanSetting, enumSetting, numberSetting, stringSetting } from './settingSpec';

export const embeddedSettings = {
  'models.embedded.threads': numberSetting(0, 'CPU threads the built-in model generates with; 0: all cores but one (the editor keeps one).', { minimum: 0, maximum: 256, integer: true }),
  'models.embedded.contextSize': numberSetting(8192, 'Context window of the built-in model in tokens, per request in flight (completion and chat each hold one). Larger windows fit more repository context and cost more memory.', { minimum: 512, maximum: 131_072, integer: true }),
  'models.embedded.gpu': enumSetting('auto', ['auto', 'off'] as const, 'Whether the built-in model may use a GPU (`auto`: Metal on Apple silicon, CUDA or Vulkan where the package and drivers have it) or runs on the CPU only (`off`).'),
  'models.embedded.idleUnloadMinutes': numberSetting(15, 'Minutes without a request after which the built-in model is unloaded to free its memory; the next request loads it again. 0 keeps it loaded.', { minimum: 0, maximum: 10_080, integer: true }),
  'models.embedded.offerOnFirstRun': booleanSetting(true, 'When no configured model answers and no built-in model is downloaded, offer once to download one (nothing is downloaded without your click).'),
  'models.embedded.catalogueFile': stringSetting('', 'Path of a JSON file listing the models *Banyan: Download Model…* offers, instead of the built-in catalogue (e.g. an internal mirror). Same fields as the built-in entries: `id`, `name`, `roles`, `family`, `sizeBytes`, `sha256`, `url`.', { scope: 'machine' }),
} as const;
