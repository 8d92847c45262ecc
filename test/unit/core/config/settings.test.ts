import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { capabilities, contributes } from '@src/extension/contributes';
import { defaultSettings, resolveSettings, SETTINGS } from '@src/core/config/settings';

describe('settings', () => {
  it('package.json contributes and capabilities match the single source (run `npm run manifest`)', () => {
    const pkg = JSON.parse(readFileSync(path.join(__dirname, '../../../../package.json'), 'utf8'));
    assert.deepEqual(pkg.contributes, JSON.parse(JSON.stringify(contributes())));
    assert.deepEqual(pkg.capabilities, JSON.parse(JSON.stringify(capabilities())));
  });

  it('every setting has a description and a default of its declared type', () => {
    for (const [key, spec] of Object.entries(SETTINGS)) {
      assert.ok(spec.markdownDescription.length > 20, `${key} needs a real description`);
      const t = Array.isArray(spec.default) ? 'array' : typeof spec.default;
      const expected = spec.type === 'integer' ? 'number' : spec.type;
      assert.equal(t, expected, `${key} default type`);
    }
  });

  it('reads nested sections, falls back on invalid values and clamps numbers', () => {
    const { settings, invalid } = resolveSettings({ server: { maxRestarts: 500, debugLogging: 'yes' } });
    assert.equal(settings['server.maxRestarts'], 50);
    assert.equal(settings['server.debugLogging'], defaultSettings()['server.debugLogging']);
    assert.deepEqual(invalid, ['banyan.server.debugLogging']);
  });

  it('accepts flat dotted keys', () => {
    assert.equal(resolveSettings({ 'server.maxRestarts': 2 }).settings['server.maxRestarts'], 2);
  });
});
