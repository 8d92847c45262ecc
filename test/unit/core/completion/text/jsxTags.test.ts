import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { mayHoldJsx, tagEndInSuggestion } from '@src/core/completion/text/jsxTags';

/** `before│suggestion`: where the suggestion ends the tag open at `│`, as the suggestion's rest from there. */
function endOf(marked: string): string | undefined {
  const [before, text] = marked.split('│') as [string, string];
  const end = tagEndInSuggestion(before, text);
  return end && text.slice(end.index);
}

describe('tagEndInSuggestion', () => {
  it('finds the end of an opening, closing, self-closing and fragment tag', () => {
    assert.equal(endOf('return <div className="a" │id="b">hi</div>'), '>hi</div>');
    assert.equal(endOf('  </│Layout>'), '>');
    assert.equal(endOf('<Avatar │user={user} />'), '/>');
    assert.equal(endOf('<│>'), '>');
    assert.equal(endOf('  </│>'), '>');
  });

  it('skips `>` inside attribute braces and quotes', () => {
    assert.equal(endOf('<button │onClick={() => a > b && go()} title="a > b">'), '>');
    assert.equal(endOf('<Route │element={<Page user={u} />} />'), '/>');
  });

  it('finds a tag whose `<` is lines above the cursor', () => {
    assert.equal(endOf('<Route\n  path="/a"\n  │element={x}\n/>'), '/>');
  });

  it('is not inside a tag after a closed one, in a comparison, or in type arguments', () => {
    assert.equal(endOf('<p>hello</p> │more text>'), undefined);
    assert.equal(endOf('if (a <│ b) {}>'), undefined);
    assert.equal(endOf('const m = new Map<│string, number>'), undefined);
    assert.equal(endOf('useState<│string>'), undefined);
  });

  it('does not end a tag the suggestion leaves open', () => {
    assert.equal(endOf('<Avatar │user={user}'), undefined);
  });

  it('only JavaScript-family languages may hold JSX', () => {
    assert.ok(mayHoldJsx('typescriptreact') && mayHoldJsx('javascriptreact') && mayHoldJsx('javascript'));
    assert.ok(!mayHoldJsx('typescript') && !mayHoldJsx('java'));
  });
});
