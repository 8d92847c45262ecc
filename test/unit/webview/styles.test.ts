/** The stylesheet follows the theme: colours only from VS Code variables, outlines in high contrast. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

const css = readFileSync(new URL('../../../webview-ui/styles.css', import.meta.url), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');

test('no hard-coded colours: every colour comes from a --vscode-* variable', () => {
  assert.doesNotMatch(css, /#[0-9a-f]{3,8}\b/i, 'a hex colour');
  assert.doesNotMatch(css, /\b(rgb|rgba|hsl|hsla)\(/i, 'a functional colour');
  for (const m of css.matchAll(/(?:^|[;{\s])(color|background|background-color|border-color|outline-color)\s*:\s*([^;}]+)/g)) {
    const value = m[2].trim();
    assert.ok(/var\(--vscode-|^(transparent|inherit|currentColor|none)\b/.test(value), `${m[1]}: ${value}`);
  }
});

test('high-contrast themes get borders on controls and blocks, and strong focus outlines', () => {
  for (const theme of ['vscode-high-contrast', 'vscode-high-contrast-light']) {
    const rules = [...css.matchAll(/([^{}]+)\{([^{}]*)\}/g)].filter((r) => r[1].includes(`body.${theme}`));
    const has = (selector: string, property: RegExp) => rules.some((r) => r[1].split(',').some((s) => s.trim() === `body.${theme} ${selector}`) && property.test(r[2]));
    assert.ok(has('button', /border:[^;]*--vscode-contrastBorder/), `${theme}: buttons`);
    assert.ok(has('.code-block', /border:[^;]*--vscode-contrastBorder/), `${theme}: code blocks`);
    assert.ok(has('.composer-row', /border:[^;]*--vscode-contrastBorder/), `${theme}: the composer`);
    assert.ok(has(':focus-visible', /outline:[^;]*--vscode-contrastActiveBorder/), `${theme}: focus`);
    assert.ok(has('.mention-option[aria-selected="true"]', /outline:[^;]*--vscode-contrastActiveBorder/), `${theme}: the selected mention`);
  }
});
