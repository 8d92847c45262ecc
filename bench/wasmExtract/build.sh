#!/usr/bin/env bash
# Builds the prototype modules for bench:wasm-extract (tree-sitter runtime + one grammar + extract.c,
# compiled to WebAssembly with clang). Needs clang/lld 14+ and wasi-libc:
#   apt-get install clang-14 lld-14 wasi-libc libclang-rt-14-dev-wasm32
# Output: node_modules/.cache/banyan-bench/wasm-extract/{javascript,typescript}.wasm
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
out="$repo/node_modules/.cache/banyan-bench/wasm-extract"
clang="$(command -v clang-14 || command -v clang || true)"
if [[ -z "$clang" || ! -f /usr/lib/wasm32-wasi/libc.a ]]; then
  echo "bench:wasm-extract needs clang (with lld) and wasi-libc: apt-get install clang-14 lld-14 wasi-libc libclang-rt-14-dev-wasm32" >&2
  exit 2
fi
mkdir -p "$out"
# The C runtime of tree-sitter, as the Node binding ships it (ABI 15, like the grammar packages).
if [[ ! -f "$out/tree-sitter/lib/src/lib.c" ]]; then
  (cd "$out" && npm pack --silent tree-sitter@0.25.0 >/dev/null && tar xzf tree-sitter-0.25.0.tgz && rm -rf tree-sitter && mv package/vendor/tree-sitter tree-sitter && rm -rf package tree-sitter-0.25.0.tgz)
fi
ts="$out/tree-sitter/lib"
build() { # name, grammar src folder, language function
  "$clang" --target=wasm32-wasi --sysroot=/usr -isystem /usr/include/wasm32-wasi -L/usr/lib/wasm32-wasi -O2 \
    -mexec-model=reactor -fuse-ld=lld -w -I "$ts/include" -I "$ts/src" -I "$2" -DLANG="$3" \
    "$ts/src/lib.c" "$2/parser.c" "$2/scanner.c" "$here/extract.c" -o "$out/$1.wasm"
}
build javascript "$repo/node_modules/tree-sitter-javascript/src" tree_sitter_javascript
build typescript "$repo/node_modules/tree-sitter-typescript/typescript/src" tree_sitter_typescript
echo "$out"
