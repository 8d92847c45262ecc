import { strict as assert } from 'node:assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { trustedCertificates } from '@src/core/llm/network/caCertificates';
import { bypassesProxy } from '@src/core/llm/network/noProxy';
import { DispatcherPool, networkSettings } from '@src/core/llm/network/proxy';

describe('proxy selection', () => {
  const u = (s: string) => new URL(s);
  it('loopback never goes through the proxy', () => {
    assert.equal(bypassesProxy(u('http://127.0.0.1:11434'), []), true);
    assert.equal(bypassesProxy(u('http://localhost:8080'), []), true);
    assert.equal(bypassesProxy(u('http://[::1]:8080'), []), true);
  });
  it('http.noProxy entries: domains, suffixes, wildcards, ports, *', () => {
    assert.equal(bypassesProxy(u('https://api.corp.example'), ['corp.example']), true);
    assert.equal(bypassesProxy(u('https://api.corp.example'), ['.corp.example']), true);
    assert.equal(bypassesProxy(u('https://api.corp.example'), ['*.corp.example']), true);
    assert.equal(bypassesProxy(u('https://api.openai.com'), ['corp.example']), false);
    assert.equal(bypassesProxy(u('https://gpu.lan:8000'), ['gpu.lan:9000']), false);
    assert.equal(bypassesProxy(u('https://gpu.lan:8000'), ['gpu.lan:8000']), true);
    assert.equal(bypassesProxy(u('https://x.y'), ['*']), true);
  });
  it('VS Code\'s http.proxy wins over the environment; noProxy applies per URL', () => {
    const net = networkSettings({ httpProxy: 'http://proxy.corp:3128', httpNoProxy: ['internal.corp'] }, [], { HTTPS_PROXY: 'http://env:1' });
    const pool = new DispatcherPool(net);
    assert.equal(pool.proxyFor('https://api.openai.com/v1'), 'http://proxy.corp:3128');
    assert.equal(pool.proxyFor('https://llm.internal.corp'), undefined);
    assert.equal(pool.proxyFor('http://127.0.0.1:11434'), undefined);
    assert.equal(new DispatcherPool(networkSettings({}, [], { HTTPS_PROXY: 'http://env:1' })).proxyFor('https://a.b'), 'http://env:1');
    assert.equal(networkSettings({ httpProxyStrictSSL: false }, []).strictSSL, false);
    void pool.close();
  });
});

describe('certificate authorities', () => {
  it('adds the custom CA file to the trusted set; unreadable or non-PEM files are readable errors', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'banyan-ca-'));
    const pem = path.join(dir, 'corp.pem');
    writeFileSync(pem, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
    const base = trustedCertificates('');
    const withCa = trustedCertificates(pem);
    assert.equal(withCa.length, base.length + 1);
    assert.throws(() => trustedCertificates(path.join(dir, 'missing.pem')), /caFile .* cannot be read/);
    const junk = path.join(dir, 'junk.txt');
    writeFileSync(junk, 'hello');
    assert.throws(() => trustedCertificates(junk), /holds no PEM certificate/);
  });
});
