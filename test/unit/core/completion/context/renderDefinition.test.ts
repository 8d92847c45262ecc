import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderDefinition, renderHead, renderOutline } from '@src/core/completion/context/renderDefinition';
import type { SymbolInfo } from '@src/core/index/model';

const lines = [
  '/** Users. */', // 0
  'export class UserService {', // 1
  '  constructor(private readonly db: Database) {}', // 2
  '', // 3
  '  async findUser(id: string): Promise<User> {', // 4
  '    const row = await this.db.get(id);', // 5
  '    return row;', // 6
  '  }', // 7
  '', // 8
  '  async registerUser(', // 9
  '    name: string,', // 10
  '    email: string,', // 11
  '  ): Promise<User> {', // 12
  '    return this.db.put(name, email);', // 13
  '  }', // 14
  '}', // 15
];
const sym = (name: string, kind: SymbolInfo['kind'], startLine: number, endLine: number, nameLine = startLine, container?: string): SymbolInfo => ({
  name, kind, startLine, endLine, nameLine, signature: lines[nameLine]!.trim(), ...(container ? { container } : {}),
});
const cls = sym('UserService', 'class', 0, 15, 1);
const members = [sym('constructor', 'method', 2, 2, 2, 'UserService'), sym('findUser', 'method', 4, 7, 4, 'UserService'), sym('registerUser', 'method', 9, 14, 9, 'UserService')];

describe('rendering definitions', () => {
  it('a class as its head and its members’ heads, closed when every member is shown', () => {
    const r = renderOutline(cls, members, lines, 2000);
    assert.equal(r.text, [lines[1], lines[2], lines[4], lines[9], lines[10], lines[11], lines[12], lines[15]].join('\n'));
    assert.deepEqual([r.startLine, r.endLine], [1, 15]);
  });

  it('a cut outline ends its range at the last member shown and says it is cut', () => {
    const r = renderOutline(cls, members, lines, lines[1]!.length + lines[2]!.length + lines[4]!.length + 3);
    assert.equal(r.endLine, 7);
    assert.match(r.text, /findUser/);
    assert.doesNotMatch(r.text, /registerUser/);
    assert.match(r.text.split('\n').at(-1)!, /…$/);
  });

  it('a multi-line head is read until its body opens', () => {
    assert.deepEqual(renderHead(members[2]!, lines), { startLine: 9, endLine: 12, text: lines.slice(9, 13).join('\n') });
  });

  it('a small function whole, a large one by its head; a one-line fallback', () => {
    const small = renderDefinition(members[1]!, [], lines, 1000);
    assert.equal(small.main.text, lines.slice(4, 8).join('\n'));
    assert.deepEqual([small.fallback.startLine, small.fallback.endLine], [4, 4]);
    const tight = renderDefinition(members[1]!, [], lines, 60);
    assert.equal(tight.main.text, lines[4]);
  });
});
