import { booleanSetting, numberSetting } from './settingSpec';

/** The local insights log (Banyan: Show Insights). */
export const insightsSettings = {
  'insights.enabled': booleanSetting(
    true,
    'Keep a local log of what Banyan did (suggestions shown and accepted, latencies, tokens, chat, rewrite and agent activity) for *Banyan: Show Insights*. It stays in VS Code\'s storage on this machine and is never sent anywhere; it holds counts, languages, model names and times, never code.',
  ),
  'insights.maxSizeMB': numberSetting(
    16,
    'Largest size of the insights log on disk, in MB. Older events are dropped first.',
    { minimum: 1, maximum: 1024, integer: true },
  ),
} as const;
