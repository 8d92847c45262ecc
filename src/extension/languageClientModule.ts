/**
 * vscode-languageclient is most of the extension bundle (about 400 of its 480 KB minified). Loading
 * it on first use instead of at import keeps its evaluation out of activation: activate() returns,
 * then the server start loads it. esbuild bundles the package as a lazily initialised CommonJS
 * module, so this require() runs its code on the first call only.
 */
import type * as LanguageClientNode from 'vscode-languageclient/node';

let loaded: typeof LanguageClientNode | undefined;

export function languageClientModule(): typeof LanguageClientNode {
  loaded ??= require('vscode-languageclient/node') as typeof LanguageClientNode;
  return loaded;
}
