/** The spec of each tree-sitter language (one file per language beside this one). */
import type { LanguageId } from '../languages';
import type { LanguageSpec } from './languageSpec';
import { cSpec } from './languages/c';
import { cppSpec } from './languages/cpp';
import { csharpSpec } from './languages/csharp';
import { goSpec } from './languages/go';
import { javaSpec } from './languages/java';
import { javascriptSpec } from './languages/javascript';
import { pythonSpec } from './languages/python';
import { rustSpec } from './languages/rust';
import { typescriptSpec } from './languages/typescript';

export const LANGUAGE_SPECS: Readonly<Record<LanguageId, LanguageSpec>> = {
  typescript: typescriptSpec,
  tsx: typescriptSpec,
  javascript: javascriptSpec,
  python: pythonSpec,
  java: javaSpec,
  go: goSpec,
  rust: rustSpec,
  c: cSpec,
  cpp: cppSpec,
  csharp: csharpSpec,
};
