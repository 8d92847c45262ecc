/** A document's lines as LSP counts them (a line break is \r\n, \n or a lone \r), without their breaks. */
export function documentLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}
