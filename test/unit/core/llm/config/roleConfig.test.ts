import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { defaultSettings } from '@src/core/config/settings';
import { normalizeBaseUrl, resolveModelConfig } from '@src/core/llm/config/roleConfig';
import { configFrom } from '../helpers/hub';

describe('role configuration', () => {
  it('defaults: Ollama on 127.0.0.1:11434, Qwen2.5-Coder base for completion, instruct for chat', () => {
    const cfg = resolveModelConfig(defaultSettings(), () => undefined);
    const c = cfg.roles.completion[0]!;
    assert.deepEqual([c.provider, c.baseUrl, c.model, c.maxRetries], ['ollama', 'http://127.0.0.1:11434', 'qwen2.5-coder:1.5b-base', 0]);
    assert.equal(cfg.roles.chat[0]!.model, 'qwen2.5-coder:7b-instruct');
    assert.ok(cfg.roles.chat[0]!.maxRetries > 0);
  });
  it('keys come from the role\'s secret id; fallbacks inherit and may name their own secret', () => {
    const cfg = configFrom(
      { 'models.chat.provider': 'openai-compatible', 'models.chat.baseUrl': 'https://api.openai.com/v1/', 'models.chat.fallbacks': [{ model: 'b' }, { provider: 'anthropic', baseUrl: 'https://api.anthropic.com', model: 'claude-x', secretId: 'banyan.apiKey.anthropic' }] },
      { 'banyan.apiKey.chat': 'k1', 'banyan.apiKey.anthropic': 'k2' },
    );
    const [p, f1, f2] = cfg.roles.chat;
    assert.equal(p!.baseUrl, 'https://api.openai.com');
    assert.equal(p!.apiKey, 'k1');
    assert.deepEqual([f1!.provider, f1!.baseUrl, f1!.model, f1!.apiKey, f1!.chainIndex], ['openai-compatible', 'https://api.openai.com', 'b', 'k1', 1]);
    assert.deepEqual([f2!.provider, f2!.apiKey, f2!.template], ['anthropic', 'k2', 'auto']);
  });
  it('rejects malformed fallbacks as a whole (the setting falls back to [])', () => {
    assert.throws(() => configFrom({ 'models.chat.fallbacks': [{ provider: 'nope', model: 'x' }] }), /invalid test settings: banyan.models.chat.fallbacks/);
  });
  it('normalizes base URLs with or without /v1', () => {
    assert.equal(normalizeBaseUrl(' http://h:1/v1/ '), 'http://h:1');
    assert.equal(normalizeBaseUrl('https://api.deepseek.com/beta'), 'https://api.deepseek.com/beta');
  });
});
