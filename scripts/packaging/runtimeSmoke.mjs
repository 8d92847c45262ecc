/**
 * Runs every part of node-llama-cpp the model host uses, on the tiny GGUF: the runtime, a model load,
 * FIM by token ids, chat with functions and with the JSON grammar, embeddings. packageRuntime.mjs runs
 * it under traceModules.cjs to learn which packages a platform .vsix must carry.
 *   node --require ./traceModules.cjs scripts/packaging/runtimeSmoke.mjs MODEL.gguf
 */
const { getLlama, LlamaChat, LlamaCompletion, LlamaLogLevel } = await import('node-llama-cpp');
const llama = await getLlama({ gpu: 'auto', build: 'never', skipDownload: true, progressLogs: false, logLevel: LlamaLogLevel.error });
const model = await llama.loadModel({ modelPath: process.argv[2] });
const context = await model.createContext({ contextSize: 2048, sequences: 2, threads: 1 });
const { prefix, suffix, middle } = model.tokens.infill;
await new LlamaCompletion({ contextSequence: context.getSequence() }).generateCompletionWithMeta([prefix, ...model.tokenize('let a = '), suffix, middle], { maxTokens: 4, temperature: 0 });
const chat = new LlamaChat({ contextSequence: context.getSequence() });
await chat.generateResponse([{ type: 'user', text: 'hi' }], { maxTokens: 4, functions: { read: { description: 'reads', params: { type: 'object', properties: { path: { type: 'string' } } } } } });
await chat.generateResponse([{ type: 'user', text: 'hi' }], { maxTokens: 4, grammar: await llama.getGrammarFor('json') });
await (await model.createEmbeddingContext({ threads: 1 })).getEmbeddingFor('hello');
await context.dispose();
await model.dispose();
