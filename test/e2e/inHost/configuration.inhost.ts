/** Every `banyan.*` setting in the schema is contributed by the installed extension and reads back its default. */
import { isDeepStrictEqual } from 'node:util';
import * as vscode from 'vscode';
import { SETTINGS, SETTINGS_SECTION } from '@src/core/config/settings';
import { assert, test } from './framework';

test('every banyan.* setting is contributed with its description and default', async () => {
  const ext = vscode.extensions.getExtension('banyan-dev.banyan');
  assert(ext, 'extension not installed');
  const properties = ext.packageJSON.contributes.configuration.properties as Record<string, { default?: unknown; markdownDescription?: string; description?: string }>;
  const expected = Object.keys(SETTINGS).map((k) => `${SETTINGS_SECTION}.${k}`);
  for (const key of expected) {
    assert(properties[key], `${key} is not contributed`);
    assert((properties[key].markdownDescription ?? properties[key].description ?? '').length > 10, `${key} has no description`);
  }
  const stray = Object.keys(properties).filter((k) => !expected.includes(k));
  assert(stray.length === 0, `contributed but not in the schema: ${stray.join(', ')}`);
});

test('every banyan.* setting is readable through the configuration API with its default', async () => {
  const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
  for (const [key, spec] of Object.entries(SETTINGS)) {
    const inspected = config.inspect(key);
    assert(inspected, `banyan.${key} is unknown to VS Code`);
    assert(isDeepStrictEqual(inspected.defaultValue, spec.default), `banyan.${key} default is ${JSON.stringify(inspected.defaultValue)}, schema says ${JSON.stringify(spec.default)}`);
    assert(config.get(key) !== undefined, `banyan.${key} reads undefined`);
  }
});
