import type { Page } from 'playwright-core';
import type { ModelHub } from '../../fixtures/modelHub/modelHub';
import type { CodeServer } from '../harness/codeServer';
import type { E2eTest } from '../harness/testing';

/**
 * The built-in model stage: its own code-server with the platform .vsix (the one with llama.cpp), a
 * fresh profile (so the first-run offer is a real first run), no fake model server, and a local model
 * hub that serves the tiny GGUF under a catalogue named by the user settings.
 */
export interface EmbeddedContext {
  readonly page: Page;
  readonly server: CodeServer;
  readonly hub: ModelHub;
  /** The catalogue entry the hub serves. */
  readonly model: { readonly id: string; readonly name: string; readonly file: string; readonly sizeBytes: number };
  screenshot(name: string): Promise<string>;
  log(message: string): void;
}

export function embeddedTest(name: string, run: (ctx: EmbeddedContext) => Promise<void>, timeoutMs = 240_000): E2eTest<EmbeddedContext> {
  return { name, run, timeoutMs };
}
