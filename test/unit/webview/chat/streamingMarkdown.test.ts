/**
 * The streaming renderer on a 100,000-character answer: each frame renders a bounded amount of
 * markdown and touches a bounded number of DOM nodes (counted, not timed), and the final DOM is the
 * same as rendering the whole answer at once.
 */
import '../dom';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decorateCodeBlocks } from '../../../../webview-ui/chat/codeBlockActions';
import { lexBlocks, renderMarkdown } from '../../../../webview-ui/chat/markdown/renderMarkdown';
import { FRAME_BUDGET_CHARS, StreamingMarkdown } from '../../../../webview-ui/chat/streamingMarkdown';
import { ManualFrames } from '../dom';

/** A realistic long answer: headings, prose with references, lists, code fences, a table. */
function longAnswer(minChars: number): string {
  const parts: string[] = [];
  for (let i = 0; parts.join('').length < minChars; i++) {
    parts.push(
      `## Step ${i}\n\n`,
      `The \`UserService\` in src/services/user${i}.ts:${i + 1} calls **validate** before saving; see [the docs](https://example.com/${i}). `.repeat(3) + '\n\n',
      `- first point ${i}\n- second point with \`code\`\n- third point\n\n`,
      `\`\`\`ts src/services/user${i}.ts\n${`export function f${i}(x: number): number {\n  return x * ${i};\n}\n`.repeat(4)}\`\`\`\n\n`,
      `| name | value |\n|---|---|\n| a${i} | ${i} |\n\n`,
    );
  }
  return parts.join('');
}

function nodesTouched(records: MutationRecord[]): number {
  return records.reduce((n, r) => n + r.addedNodes.length + r.removedNodes.length + (r.type === 'characterData' ? 1 : 0), 0);
}

function stream(text: string, chunk: number) {
  const frames = new ManualFrames();
  const md = new StreamingMarkdown(frames.schedule, decorateCodeBlocks);
  document.body.append(md.element);
  const observer = new MutationObserver(() => undefined);
  observer.observe(md.element, { childList: true, subtree: true, characterData: true });
  let maxNodes = 0;
  let appends = 0;
  for (let i = 0; i < text.length; i += chunk) {
    md.append(text.slice(i, i + chunk));
    appends++;
    // Several appends land in one frame, as they do when tokens arrive faster than frames.
    if (appends % 3 === 0) {
      frames.run();
      maxNodes = Math.max(maxNodes, nodesTouched(observer.takeRecords()));
    }
  }
  frames.run();
  maxNodes = Math.max(maxNodes, nodesTouched(observer.takeRecords()));
  md.finish();
  observer.disconnect();
  return { md, maxNodes, appends };
}

test('a 100,000-character answer renders with bounded work per frame', () => {
  const text = longAnswer(100_000);
  assert.ok(text.length >= 100_000);
  const largestBlock = Math.max(...lexBlocks(text).map((t) => t.raw.length));
  const chunk = 40;
  const { md, maxNodes, appends } = stream(text, chunk);
  // A frame renders at most the block that just became final plus the new last block.
  assert.ok(md.stats.maxFlushChars <= 2 * largestBlock + 3 * chunk, `a frame rendered ${md.stats.maxFlushChars} chars (largest block ${largestBlock})`);
  // Re-rendering everything each frame would be ~text²/(2·3·chunk) ≈ 40M chars; we stay linear-ish.
  assert.ok(md.stats.renderedChars < 40 * text.length, `rendered ${md.stats.renderedChars} chars in total over ${appends} appends`);
  assert.ok(maxNodes <= 120, `a frame touched ${maxNodes} DOM nodes`);
  assert.ok(md.stats.flushes >= appends / 3, 'frames were throttled, not skipped');
});

test('the streamed result is the same DOM as rendering the whole answer at once', () => {
  const text = longAnswer(20_000);
  const { md } = stream(text, 17);
  const whole = document.createElement('div');
  const fragment = renderMarkdown(text);
  decorateCodeBlocks(fragment);
  whole.append(fragment);
  const streamed = md.element.querySelector('.markdown-final') as HTMLElement;
  assert.equal(streamed.innerHTML, whole.innerHTML);
  assert.equal((md.element.querySelector('.markdown-tail') as HTMLElement).childNodes.length, 0);
});

test('a long open code fence grows by appending text, not by re-rendering', () => {
  const code = 'const value = compute(input) + 1;\n'.repeat(3000);
  const text = '```ts\n' + code + '```\n';
  const frames = new ManualFrames();
  const md = new StreamingMarkdown(frames.schedule, decorateCodeBlocks);
  const observer = new MutationObserver(() => undefined);
  observer.observe(md.element, { childList: true, subtree: true, characterData: true });
  let maxChars = 0;
  let maxNodes = 0;
  const chunk = 50;
  for (let i = 0; i < text.length - 4; i += chunk) {
    const before = md.stats.renderedChars;
    md.append(text.slice(i, Math.min(i + chunk, text.length - 4)));
    frames.run();
    if (i > 200) {
      maxChars = Math.max(maxChars, md.stats.renderedChars - before);
      maxNodes = Math.max(maxNodes, nodesTouched(observer.takeRecords()));
    } else observer.takeRecords();
  }
  assert.ok(text.length > 100_000);
  // +1: marked holds back a trailing line break until the next character arrives.
  assert.ok(maxChars <= chunk + 1, `a frame re-rendered ${maxChars} chars of an open fence`);
  assert.ok(maxNodes <= 1, `a frame touched ${maxNodes} nodes of an open fence`);
  md.append(text.slice(text.length - 4));
  md.finish();
  assert.equal(md.element.querySelector('.markdown-final pre code')?.textContent, code.replace(/\n$/, ''));
  assert.ok(md.element.querySelector('.code-block [data-code-action=apply]'), 'the final block has its toolbar');
});

test('appends between frames are batched into one render', () => {
  const frames = new ManualFrames();
  const md = new StreamingMarkdown(frames.schedule, decorateCodeBlocks);
  for (const c of 'Hello **world**, this is streamed.'.split('')) md.append(c);
  assert.equal(frames.pending, 1, 'one frame requested for many appends');
  frames.run();
  assert.equal(md.stats.flushes, 1);
  assert.equal(md.element.querySelector('strong')?.textContent, 'world');
});

test('setText from a state sync extends the shown text, or starts over when it does not match', () => {
  const frames = new ManualFrames();
  const md = new StreamingMarkdown(frames.schedule, decorateCodeBlocks);
  md.append('# A\n\nfirst paragraph\n\nsecond');
  frames.run();
  md.setText('# A\n\nfirst paragraph\n\nsecond and more', false);
  frames.run();
  assert.match(md.element.textContent ?? '', /second and more/);
  md.setText('Completely different', true);
  frames.run();
  assert.equal(md.element.textContent?.trim(), 'Completely different');
  assert.equal(md.element.querySelector('h1'), null);
});

test('one huge block (a paragraph with no blank line) skips frames to keep the average work per frame in budget', () => {
  // A small budget keeps this quick under jsdom; the production budget is FRAME_BUDGET_CHARS.
  const budget = 2_000;
  assert.ok(FRAME_BUDGET_CHARS > budget);
  const items = Array.from({ length: 300 }, (_, i) => `line ${i} of one long paragraph, see src/mod${i}.ts:${i + 1}\n`).join('');
  const frames = new ManualFrames();
  const md = new StreamingMarkdown(frames.schedule, decorateCodeBlocks, budget);
  let frameCount = 0;
  for (let i = 0; i < items.length; i += 100) {
    md.append(items.slice(i, i + 100));
    frames.run();
    frameCount++;
  }
  assert.ok(items.length > 4 * budget);
  assert.ok(md.stats.renderedChars / frameCount <= 2 * budget, `average ${Math.round(md.stats.renderedChars / frameCount)} chars per frame`);
  assert.ok(md.stats.flushes < frameCount / 2, `${md.stats.flushes} flushes in ${frameCount} frames`);
  md.finish();
  assert.equal(md.element.querySelectorAll('p').length, 1);
  assert.equal(md.element.querySelectorAll('a.file-ref').length, 300);
});

test('a long list streams item by item: bounded work per frame, numbering carried over', () => {
  const items = Array.from({ length: 1200 }, (_, i) => `${i + 1}. item ${i + 1} of the plan\n`).join('');
  const frames = new ManualFrames();
  const md = new StreamingMarkdown(frames.schedule, decorateCodeBlocks);
  const chunk = 30;
  for (let i = 0; i < items.length; i += chunk) {
    md.append(items.slice(i, i + chunk));
    frames.run();
  }
  md.finish();
  assert.ok(items.length > 30_000);
  assert.ok(md.stats.maxFlushChars <= 2 * 2_000 + 2 * chunk, `a frame rendered ${md.stats.maxFlushChars} chars of a ${items.length}-char list`);
  const lis = Array.from(md.element.querySelectorAll('li'));
  assert.equal(lis.length, 1200);
  // Every piece of the split list starts where the previous one ended.
  let expected = 1;
  for (const ol of Array.from(md.element.querySelectorAll('ol'))) {
    assert.equal(Number(ol.getAttribute('start') ?? '1'), expected);
    expected += ol.querySelectorAll(':scope > li').length;
  }
  assert.equal(lis.at(-1)?.textContent, 'item 1200 of the plan');
});
