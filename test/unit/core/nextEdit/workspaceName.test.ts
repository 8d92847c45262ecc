/**
 * The locations do not depend on what the workspace folder is called: a root's name is what the
 * checkout was called (the in-process bench's `gin`, the harness's `ws-gin`), and a generic file at the
 * root (`utils.go`) once took it as its stem, relating it to `gin.go` in one and to nothing in the other
 * (#14: the CLI and the in-process engine differed on two gin cases).
 */
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { NextEditLocator } from '@src/core/nextEdit/nextEditLocator';
import { LocatorCache } from '@src/core/nextEdit/locations/locatorCache';
import { relatedFiles, stemOf } from '@src/core/nextEdit/locations/relatedFiles';
import { counterpartFiles } from '@src/core/nextEdit/locations/testFiles';
import { hunk, workspace } from './workspaceIndex';

const FILES = {
  'utils.go': 'package shop\n\nimport "strings"\n\nfunc parseAccept(h string) []string {\n\tparts := strings.Split(strings.TrimSpace(h), ",")\n\treturn parts\n}\n',
  'shop.go': 'package shop\n\nimport "strings"\n\ntype Shop struct{ names []string }\n\nfunc (s *Shop) SetNames(h string) {\n\tparts := strings.Split(h, ",")\n\ts.names = parts\n}\n',
  'shop_test.go': 'package shop\n\nimport "testing"\n\nfunc TestSetNames(t *testing.T) {\n\tnew(Shop).SetNames("a,b")\n}\n',
  'pkg/cart/cart.go': 'package cart\n\nfunc Total() int { return 0 }\n',
  'pkg/cart/util.go': 'package cart\n\nfunc clamp(n int) int { return n }\n',
};

async function locationsIn(name: string, cached: boolean) {
  const ws = await workspace(FILES, name);
  try {
    const file = ws.file('utils.go');
    const lines = ws.lines('utils.go');
    const history = [hunk(ws, 'utils.go', 5, ['\tparts := strings.Split(h, ",")'], ['\tparts := strings.Split(strings.TrimSpace(h), ",")'])];
    const locator = new NextEditLocator(() => undefined, cached ? { cache: new LocatorCache() } : {});
    const r = await locator.locate({ file, lines, cursor: { line: 5, character: 48 }, history, index: ws.index });
    return r.locations.map((l) => `${path.relative(ws.root, l.file)}:${l.startLine}-${l.endLine} ${l.reason} ${l.score}`);
  } finally {
    await ws.close();
  }
}

describe('next-edit locations and the workspace folder name', () => {
  it('are the same whether the folder is named after a root file or not', async () => {
    for (const cached of [false, true]) {
      const plain = await locationsIn('ws-shop', cached);
      assert.ok(plain.some((l) => l.startsWith('shop.go:')), `the look-alike line in shop.go is proposed: ${plain.join(' | ')}`);
      assert.deepEqual(await locationsIn('shop', cached), plain, cached ? 'with a LocatorCache' : 'without a cache');
    }
  });

  it('take no stem or package from a workspace root, and do from a folder inside it', () => {
    assert.equal(stemOf('/w/shop/utils.go', ['/w/shop']), undefined);
    assert.equal(stemOf('/w/shop/pkg/cart/util.go', ['/w/shop']), 'cart');
    assert.deepEqual(relatedFiles(['/w/shop/utils.go'], ['/w/shop/utils.go', '/w/shop/shop.go', '/w/shop/shop_test.go'], ['/w/shop']), []);
    assert.deepEqual(relatedFiles(['/w/shop/pkg/cart/util.go'], ['/w/shop/pkg/cart/util.go', '/w/shop/pkg/cart/cart.go'], ['/w/shop']), ['/w/shop/pkg/cart/cart.go']);
    // A code file's package-level test (models.py → test_requests.py) is looked for by its folder, not the root's name.
    assert.deepEqual(counterpartFiles('/w/shop/models.go', ['/w/shop/shop_test.go'], ['/w/shop']), []);
    assert.deepEqual(counterpartFiles('/w/shop/pkg/cart/models.go', ['/w/shop/pkg/cart/cart_test.go'], ['/w/shop']), ['/w/shop/pkg/cart/cart_test.go']);
  });
});
