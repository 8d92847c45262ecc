/** A document's lines as LSP counts them (a line break is \r\n, \n or a lone \r), without their breaks. */
export function documentLines(text: string): string[] {
  // Split on a string where no \r occurs: several times faster than the regular expression, same lines.
  return text.includes('\r') ? text.split(/\r\n|\r|\n/) : text.split('\n');
}
