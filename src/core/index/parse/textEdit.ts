/**
 * The single edit that turns one text into another (common prefix and suffix kept), as tree-sitter's
 * incremental parsing and incremental extraction need it.
 */
import { Edit } from 'web-tree-sitter';
import type { TextEdit } from '../extract/incrementalExtract';

export function editBetween(old: string, text: string): TextEdit {
  let start = 0;
  const minLen = Math.min(old.length, text.length);
  while (start < minLen && old.charCodeAt(start) === text.charCodeAt(start)) start++;
  let oldEnd = old.length;
  let newEnd = text.length;
  while (oldEnd > start && newEnd > start && old.charCodeAt(oldEnd - 1) === text.charCodeAt(newEnd - 1)) {
    oldEnd--;
    newEnd--;
  }
  return { start, oldEnd, newEnd, lineDelta: newlines(text, start, newEnd) - newlines(old, start, oldEnd) };
}

/** The same edit for Tree.edit. web-tree-sitter's JS API counts UTF-16 code units, like String indexes. */
export function treeEdit(old: string, text: string, e: TextEdit): Edit {
  return new Edit({
    startIndex: e.start,
    oldEndIndex: e.oldEnd,
    newEndIndex: e.newEnd,
    startPosition: pointAt(old, e.start),
    oldEndPosition: pointAt(old, e.oldEnd),
    newEndPosition: pointAt(text, e.newEnd),
  });
}

function newlines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

function pointAt(text: string, index: number): { row: number; column: number } {
  let row = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < index; i = text.indexOf('\n', i + 1)) {
    row++;
    lineStart = i + 1;
  }
  return { row, column: index - lineStart };
}
