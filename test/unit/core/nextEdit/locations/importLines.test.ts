/** The names an import line holds only in where it imports from, per language. */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { modulePathNames } from '@src/core/nextEdit/locations/importLines';

describe('modulePathNames', () => {
  it('JavaScript / TypeScript: what the quoted path holds, and require; the bound names are not', () => {
    assert.deepEqual(modulePathNames("import formDataToStream from './helpers/formDataToStream.js';"), ['helpers', 'js']);
    assert.deepEqual(modulePathNames("const { getServerUrl } = require('../helper')"), ['helper', 'require']);
    assert.deepEqual(modulePathNames('import { helpers } from "./helpers"'), [], 'a name bound as well as in the path is bound');
  });
  it('Python: the module of `from … import`; a plain `import x` binds x', () => {
    assert.deepEqual(modulePathNames('from packaging.version import Version'), ['packaging', 'version']);
    assert.deepEqual(modulePathNames('import os'), []);
  });
  it('Java and Rust: the path before the last name', () => {
    assert.deepEqual(modulePathNames('import org.apache.commons.io.FileUtils;'), ['org', 'apache', 'commons', 'io']);
    assert.deepEqual(modulePathNames('use std::collections::HashMap;'), ['std', 'collections']);
  });
  it("Go: the path before the package's name, or the whole path under an alias", () => {
    assert.deepEqual(modulePathNames('\t"github.com/spf13/viper/internal"'), ['github', 'com', 'spf13', 'viper']);
    assert.deepEqual(modulePathNames('\tyaml "go.yaml.in/yaml/v3"'), ['go', 'in', 'v3']);
  });
  it('a line that imports nothing', () => {
    assert.deepEqual(modulePathNames("const x = load('./helpers/a.js')"), []);
  });
});
