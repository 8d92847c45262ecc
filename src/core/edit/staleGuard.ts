/**
 * Edits are computed against one version of a document; applying them to another would put them in
 * the wrong place. A stamp records the version and a hash of the text the edits were computed on,
 * and `checkStamp` refuses any other version. The same text under a different version (an edit that
 * was undone) is accepted, since the edits still fit it exactly.
 */
import { createHash } from 'node:crypto';

export interface DocumentStamp {
  readonly uri: string;
  /** The editor's document version (LSP `version`, VS Code `document.version`). */
  readonly version: number;
  /** sha256 of the text, hex. */
  readonly hash: string;
}

export type StampCheck = { readonly ok: true } | { readonly ok: false; readonly message: string };

export function hashText(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export function stampDocument(uri: string, version: number, text: string): DocumentStamp {
  return { uri, version, hash: hashText(text) };
}

/** Whether edits computed against `stamp` may be applied to the document as it is now. */
export function checkStamp(stamp: DocumentStamp, current: { readonly uri: string; readonly version: number; readonly text: string }): StampCheck {
  if (current.uri !== stamp.uri) {
    return { ok: false, message: `The edit was computed for ${stamp.uri}, not for ${current.uri}; it was not applied.` };
  }
  const hash = hashText(current.text);
  if (hash === stamp.hash) return { ok: true };
  const versions = current.version === stamp.version ? `still version ${stamp.version} but with different text` : `version ${stamp.version} → ${current.version}`;
  return { ok: false, message: `The document changed after the edit was computed (${versions}), so it was not applied. Run the command again on the current text.` };
}
