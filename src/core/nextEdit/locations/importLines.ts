/**
 * Whether a line imports something, in the languages the engine sees: `import …`, `from x import …`,
 * `#include`, `using X;`, `use a::b`, `require(…)`, and the lines of a Go import block (`"fmt"`,
 * `name "path/to/pkg"`).
 */
const IMPORT = /^\s*(import\b|from\s+[\w.]+\s+import\b|#include\b|using\s+[\w.]+\s*;|use\s+[\w:]+|require\s*\(|(?:const|let|var)\s+.*=\s*require\s*\(|"[\w./-]+"\s*$|[\w.]+\s+"[\w./-]+"\s*$)/;

export const isImportLine = (line: string): boolean => IMPORT.test(line);
