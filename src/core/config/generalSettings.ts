import { booleanSetting, numberSetting } from './settingSpec';

/** Settings of the server process itself. */
export const generalSettings = {
  'server.maxRestarts': numberSetting(
    5,
    'How many times the Banyan server is restarted after crashes within 3 minutes before Banyan gives up and shows an error.',
    { minimum: 0, maximum: 50, integer: true },
  ),
  'server.debugLogging': booleanSetting(
    false,
    'Log every model request and index batch at debug level in the **Banyan** output channel (API keys are never logged). Use *Developer: Set Log Level… → Banyan* to also show them there.',
  ),
} as const;
