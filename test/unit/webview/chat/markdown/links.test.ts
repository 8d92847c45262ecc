/** Link targets, fence info strings and file references in answers. */
import '../../dom';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { linkifyFileReferences } from '../../../../../webview-ui/chat/fileReferences';
import { parseFenceInfo } from '../../../../../webview-ui/chat/markdown/fenceInfo';
import { classifyHref } from '../../../../../webview-ui/chat/markdown/linkTarget';
import { renderMarkdown } from '../../../../../webview-ui/chat/markdown/renderMarkdown';

test('hrefs: http(s)/mailto are external, workspace paths are locations, everything else is nothing', () => {
  assert.deepEqual(classifyHref('https://example.com/a?b=1'), { kind: 'external', url: 'https://example.com/a?b=1' });
  assert.deepEqual(classifyHref('mailto:dev@example.com'), { kind: 'external', url: 'mailto:dev@example.com' });
  assert.deepEqual(classifyHref('src/user.ts'), { kind: 'location', path: 'src/user.ts' });
  assert.deepEqual(classifyHref('./src/user.ts:12:4'), { kind: 'location', path: 'src/user.ts', line: 12, column: 4 });
  assert.deepEqual(classifyHref('src/user.ts#L12-L20'), { kind: 'location', path: 'src/user.ts', line: 12 });
  assert.deepEqual(classifyHref('src/my%20file.ts'), { kind: 'location', path: 'src/my file.ts' });
  assert.deepEqual(classifyHref('C:\\work\\a.ts'), { kind: 'location', path: 'C:\\work\\a.ts' });
  for (const bad of ['javascript:alert(1)', ' JAVASCRIPT:alert(1)', 'java\nscript:alert(1)', 'data:text/html,x', 'vbscript:x', 'file:///etc/passwd', 'command:workbench.action.terminal.new', '//evil.example/x', '#top', '', '%6A%61vascript:alert(1)', 'src/%E0%A4%A.ts']) {
    assert.equal(classifyHref(bad), null, bad);
  }
});

test('fence info strings: language and target path in the shapes models write', () => {
  assert.deepEqual(parseFenceInfo('ts'), { language: 'ts', path: null });
  assert.deepEqual(parseFenceInfo('ts src/user.ts'), { language: 'ts', path: 'src/user.ts' });
  assert.deepEqual(parseFenceInfo('typescript:src/user.ts'), { language: 'typescript', path: 'src/user.ts' });
  assert.deepEqual(parseFenceInfo('python title="app/main.py"'), { language: 'python', path: 'app/main.py' });
  assert.deepEqual(parseFenceInfo('go path=cmd/main.go'), { language: 'go', path: 'cmd/main.go' });
  assert.deepEqual(parseFenceInfo('src/user.ts'), { language: 'ts', path: 'src/user.ts' });
  assert.deepEqual(parseFenceInfo(''), { language: null, path: null });
  assert.deepEqual(parseFenceInfo('"><img src=x>'), { language: null, path: null });
});

test('file references in prose become location links; code blocks and ordinary words stay as they are', () => {
  const div = document.createElement('div');
  div.append(renderMarkdown('See src/user.ts:12 and `lib/db.py`, e.g. version 1.2 or README.\n\n```\nsrc/not-a-link.ts:3\n```'));
  const links = Array.from(div.querySelectorAll('a.file-ref'));
  assert.deepEqual(
    links.map((a) => [a.getAttribute('data-path'), a.getAttribute('data-line')]),
    [
      ['src/user.ts', '12'],
      ['lib/db.py', null],
    ],
  );
  assert.equal(div.querySelector('pre a'), null);
});

test('linkifying a container twice does not nest links', () => {
  const div = document.createElement('div');
  div.textContent = 'open src/a.ts:3 now';
  linkifyFileReferences(div);
  linkifyFileReferences(div);
  assert.equal(div.querySelectorAll('a').length, 1);
  assert.equal(div.textContent, 'open src/a.ts:3 now');
});
