// Injected into the web bundles for every use of the global `process` (esbuild.js): a browser
// has no environment, so an optional setting read from it (`process.env.X ?? default`) takes
// its default, and a library's platform check finds no Windows. Anything else of Node's process
// (cwd, exit, argv) is absent and fails where it is called, as it should in a browser.
const webProcess = { env: {} as Record<string, string | undefined>, platform: 'browser' };

export { webProcess as process };
