// openid-client 6 ships only ES modules; the API is CommonJS (ADR 0001). With `module: node20` the
// compiler keeps this `import()` as a real dynamic import in the emitted CommonJS (it would turn it into
// require() under `module: commonjs`), so Node loads the ES module natively. Jest runs the package
// through tools/test-env/esm-to-cjs.js instead. Loaded once, on the first sign-in.
export type OpenIdClient = typeof import('openid-client');

let loaded: Promise<OpenIdClient> | null = null;

export function loadOpenIdClient(): Promise<OpenIdClient> {
  loaded ??= import('openid-client');
  return loaded;
}
