// Prototype for bench:wasm-extract (not product code): the index's extraction done inside the parser's
// WebAssembly module. One call parses a file (UTF-8 as is) and runs the extraction query with the same
// start-depth limit as the index; captures come back as four ints each instead of JavaScript node
// objects. What it measures: how much of extraction's cost is web-tree-sitter's JavaScript API.
#include <tree_sitter/api.h>
#include <stdint.h>
#include <stdlib.h>
const TSLanguage *LANG(void);
static TSParser *parser;
static TSQuery *query;
static TSQueryCursor *cursor;
static uint32_t out[1 << 20];
__attribute__((export_name("out_ptr"))) uint32_t *out_ptr(void) { return out; }
__attribute__((export_name("alloc"))) void *alloc(uint32_t n) { return malloc(n); }
__attribute__((export_name("release"))) void release(void *p) { free(p); }
__attribute__((export_name("init"))) int init(const char *src, uint32_t len) {
  parser = ts_parser_new();
  ts_parser_set_language(parser, LANG());
  uint32_t err_off;
  TSQueryError err;
  query = ts_query_new(LANG(), src, len, &err_off, &err);
  cursor = ts_query_cursor_new();
  return query ? 0 : -(int)err_off - 1;
}
static TSTree *tree;

// Parses UTF-8 text [text, text + len) and keeps the tree for `query`; returns 0 on failure.
__attribute__((export_name("parse"))) int parse(const char *text, uint32_t len) {
  if (tree) ts_tree_delete(tree);
  tree = ts_parser_parse_string(parser, NULL, text, len);
  return tree != NULL;
}

// Runs the query over the kept tree (matches starting at most `depth` deep) and writes each capture as
// (pattern << 16 | capture, start byte, end byte, start row) to `out`; returns the number of ints.
__attribute__((export_name("query"))) int query_tree(uint32_t depth) {
  int n = 0;
  ts_query_cursor_set_max_start_depth(cursor, depth);
  ts_query_cursor_exec(cursor, query, ts_tree_root_node(tree));
  TSQueryMatch m;
  while (ts_query_cursor_next_match(cursor, &m)) {
    for (uint16_t i = 0; i < m.capture_count && n + 4 < (int)(sizeof(out) / 4); i++) {
      TSNode node = m.captures[i].node;
      out[n++] = (uint32_t)m.pattern_index << 16 | m.captures[i].index;
      out[n++] = ts_node_start_byte(node);
      out[n++] = ts_node_end_byte(node);
      out[n++] = ts_node_start_point(node).row;
    }
  }
  return n;
}

__attribute__((export_name("drop"))) void drop(void) {
  if (tree) ts_tree_delete(tree);
  tree = NULL;
}
