import * as vscode from 'vscode';

const HISTORY_KEY = 'banyan.rewrite.history';
const HISTORY_SIZE = 20;

interface InstructionItem extends vscode.QuickPickItem {
  /** The instruction sent; undefined for "Convert to…", which asks for the target first. */
  readonly instruction?: string;
  readonly convert?: boolean;
}

const PRESETS: readonly InstructionItem[] = [
  { label: '$(wand) Refactor', description: 'clearer structure, same behaviour', instruction: 'Refactor this code for readability and structure without changing its behaviour.' },
  { label: '$(fold) Simplify', description: 'less code, same behaviour', instruction: 'Simplify this code: remove redundancy and needless complexity without changing its behaviour.' },
  { label: '$(comment) Add comments', description: 'explain the why', instruction: 'Add concise comments that explain why the code does what it does. Do not change the code itself.' },
  { label: '$(symbol-type-parameter) Add types', description: 'annotations, no logic changes', instruction: 'Add precise type annotations. Do not change the logic.' },
  { label: '$(debug) Fix', description: 'find and fix bugs', instruction: 'Find and fix bugs in this code, keeping everything else as it is.' },
  { label: '$(arrow-swap) Convert to…', description: 'another style or construct', convert: true },
];

/**
 * Asks what to do: typed text, a recent instruction (kept in globalState) or a preset. Resolves
 * undefined when the user dismisses it.
 */
export async function pickInstruction(state: vscode.Memento, atCursor: boolean): Promise<string | undefined> {
  const history = state.get<string[]>(HISTORY_KEY, []);
  const base: InstructionItem[] = [
    ...(history.length ? [{ label: 'Recent', kind: vscode.QuickPickItemKind.Separator } as InstructionItem] : []),
    ...history.map((h) => ({ label: h, instruction: h, description: '$(history)' })),
    { label: 'Presets', kind: vscode.QuickPickItemKind.Separator },
    ...PRESETS,
  ];
  const pick = vscode.window.createQuickPick<InstructionItem>();
  pick.title = atCursor ? 'Banyan: Generate at the Cursor' : 'Banyan: Rewrite Selection';
  pick.placeholder = atCursor ? 'Describe the code to write here, or pick a recent instruction' : 'Describe the change, or pick a preset or a recent instruction';
  pick.items = base;
  pick.matchOnDescription = true;
  pick.onDidChangeValue((value) => {
    // Typed text is the first row, so Enter sends it even when it matches no preset.
    pick.items = value.trim() ? [{ label: value, instruction: value, description: 'instruction', alwaysShow: true }, ...base] : base;
  });
  const chosen = await new Promise<InstructionItem | undefined>((resolve) => {
    pick.onDidAccept(() => resolve(pick.activeItems[0]));
    pick.onDidHide(() => resolve(undefined));
    pick.show();
  });
  pick.dispose();
  if (!chosen) return undefined;
  let instruction = chosen.instruction;
  if (chosen.convert) {
    const target = await vscode.window.showInputBox({ title: 'Banyan: Convert to…', prompt: 'Convert the code to what?', placeHolder: 'async/await, a for-of loop, a class, Python, a switch statement…' });
    if (!target?.trim()) return undefined;
    instruction = `Convert this code to ${target.trim()}, keeping its behaviour.`;
  }
  if (!instruction?.trim()) return undefined;
  await remember(state, instruction.trim());
  return instruction.trim();
}

async function remember(state: vscode.Memento, instruction: string): Promise<void> {
  const history = state.get<string[]>(HISTORY_KEY, []).filter((h) => h !== instruction);
  await state.update(HISTORY_KEY, [instruction, ...history].slice(0, HISTORY_SIZE));
}
