declare const __BANYAN_VERSION__: string | undefined;

/** Injected by esbuild from package.json; unbundled runs (unit tests through tsx) report a dev version. */
export const BANYAN_VERSION: string = typeof __BANYAN_VERSION__ === 'string' ? __BANYAN_VERSION__ : '0.0.0-dev';
