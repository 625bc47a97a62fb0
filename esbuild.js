// Builds the bundles (the extension and its audit worker for the desktop and for the web, the CLI,
// the webview), writes the kb-audit.json schema, and writes dist/THIRD-PARTY-NOTICES.txt: the
// licences of the packages the bundles carry (from esbuild's metafile) and of the data in media/.
// Usage: node esbuild.js [--production] [--watch]
const esbuild = require('esbuild');
const fs = require('node:fs');
const path = require('node:path');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** Prints errors in the shape VS Code's `$esbuild-watch` problem matcher reads. */
const problemMatcherPlugin = {
  name: 'problem-matcher',
  setup(build) {
    build.onStart(() => {
      if (watch) console.log('[watch] build started');
    });
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      if (watch) console.log('[watch] build finished');
    });
  },
};

/**
 * markdown-it's dist files set every class field (ten on each Token, and there is a token per
 * line and inline run) through Babel's `_defineProperty(this, "name", value)` helper: one shared
 * function storing every name of every class, which V8 cannot specialise, plus a property-key
 * conversion per call. markdown-it declares no accessors, so defining a field on a fresh instance
 * and assigning it give the same own, enumerable, writable property; this plugin writes those
 * calls as assignments (`this.name = value`), as the source was before compilation.
 * markdown-it's parse takes about half the time. Calls of another shape keep the helper, and
 * should a release of markdown-it carry no such call, the build fails here rather than quietly
 * losing this.
 */
const markdownItFieldsPlugin = {
  name: 'markdown-it-fields',
  setup(build) {
    build.onLoad({ filter: /[\\/]node_modules[\\/]markdown-it[\\/]dist[\\/]markdown-it\.(mjs|cjs\.js)$/ }, (args) => ({
      contents: withAssignedFields(fs.readFileSync(args.path, 'utf8'), args.path).source,
      loader: 'js',
    }));
  },
};

/**
 * markdown-it's dist source with each `_defineProperty(this, "name", value);` written as
 * `this.name = (value);`, and how many calls were rewritten and left.
 */
function withAssignedFields(source, file) {
  const CALL = '_defineProperty(';
  let out = '';
  let from = 0;
  let rewritten = 0;
  let left = 0;
  for (let at = source.indexOf(CALL); at >= 0; at = source.indexOf(CALL, at + CALL.length)) {
    if (/[\w$]/.test(source[at - 1] ?? '') || source.startsWith('function ', at - 9)) continue;
    const call = fieldCall(source, at + CALL.length);
    if (call === null) {
      if (/^\s*this\b/.test(source.slice(at + CALL.length, at + CALL.length + 40))) left++;
      continue;
    }
    out += `${source.slice(from, at)}this.${call.name} = (${call.value});`;
    from = call.end;
    rewritten++;
  }
  if (rewritten === 0) throw new Error(`${file}: no _defineProperty(this, "name", value) call found; update markdownItFieldsPlugin in esbuild.js`);
  return { source: out + source.slice(from), rewritten, left };
}

/** Reads `this, "name", value);` from `at`: the name, the value's text and where the call ends; null for any other shape. */
function fieldCall(source, at) {
  const skip = (i) => {
    for (;;) {
      while (/\s/.test(source[i] ?? '')) i++;
      const close = source.startsWith('/*', i) ? source.indexOf('*/', i) + 2 : source.startsWith('//', i) ? source.indexOf('\n', i) + 1 : -1;
      if (close <= i) return close < 0 ? i : source.length;
      i = close;
    }
  };
  let i = skip(at);
  if (!source.startsWith('this', i) || /[\w$]/.test(source[i + 4])) return null;
  i = skip(i + 4);
  if (source[i] !== ',') return null;
  i = skip(i + 1);
  const name = /^"([A-Za-z_$][\w$]*)"/.exec(source.slice(i, i + 100));
  if (!name) return null;
  i = skip(i + name[0].length);
  if (source[i] !== ',') return null;
  const valueStart = i + 1;
  // The value runs to the call's closing parenthesis; brackets nest, strings and comments are passed over.
  let depth = 0;
  for (i = valueStart; i < source.length; i++) {
    const c = source[i];
    if (c === '"' || c === "'" || c === '`') {
      for (i++; i < source.length && source[i] !== c; i++) if (source[i] === '\\') i++;
    } else if (source.startsWith('/*', i)) i = source.indexOf('*/', i) < 0 ? source.length : source.indexOf('*/', i) + 1;
    else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ']' || c === '}') depth--;
    else if (c === ')') {
      if (depth === 0) break;
      depth--;
    }
  }
  const value = source.slice(valueStart, i).trim();
  if (!value || source[skip(i + 1)] !== ';') return null;
  return { name: name[1], value, end: skip(i + 1) + 1 };
}

const common = {
  bundle: true,
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'silent',
  // Which files of which packages went into each bundle, for the third-party notices.
  metafile: true,
  plugins: [problemMatcherPlugin, markdownItFieldsPlugin],
  // jsonc-parser's UMD build hides its requires from the bundler; its ESM build does not.
  mainFields: ['module', 'main'],
};

/**
 * The web extension (VS Code for the Web: vscode.dev, github.dev) is the same source as the
 * desktop one. What only Node has is swapped here, never forked: platform.ts for web/platform.ts
 * (a Web Worker instead of a worker thread), and the few Node built-ins the engine imports for
 * small browser stand-ins (src/extension/web/shims). Any other Node built-in fails the build
 * (platform: 'browser').
 */
const WEB_REPLACEMENTS = {
  'node:crypto': 'src/extension/web/shims/crypto.ts',
  'node:fs': 'src/extension/web/shims/fs.ts',
  'node:path': 'src/extension/web/shims/path.ts',
  'node:os': 'src/extension/web/shims/os.ts',
  'node:worker_threads': 'src/extension/web/shims/worker_threads.ts',
};
const webPlatformPlugin = {
  name: 'web-platform',
  setup(build) {
    // Real paths: a staged copy of the extension links its src folder (test/web-host/run.mjs),
    // and a stand-in must be the one module its other importers get, never a second copy.
    build.onResolve({ filter: /^node:(crypto|fs|os|path|worker_threads)$/ }, (args) => ({ path: fs.realpathSync(WEB_REPLACEMENTS[args.path]) }));
    const extensionDir = fs.realpathSync('src/extension');
    build.onResolve({ filter: /^\.\/platform$/ }, (args) =>
      fs.realpathSync(args.resolveDir) === extensionDir ? { path: path.join(extensionDir, 'web', 'platform.ts') } : undefined,
    );
  },
};
const web = {
  ...common,
  plugins: [problemMatcherPlugin, markdownItFieldsPlugin, webPlatformPlugin],
  platform: 'browser',
  target: 'es2022',
  mainFields: ['browser', 'module', 'main'],
  inject: ['src/extension/web/shims/setImmediate.ts', 'src/extension/web/shims/process.ts'],
  // csv-parse's own browser build carries the Buffer its Node build takes from the global scope.
  alias: { 'csv-parse/sync': 'csv-parse/browser/esm/sync' },
  // Files shipped with the extension are found from __dirname (see shims/fs.ts).
  define: { __dirname: '"/extension/dist"' },
};

const targets = [
  {
    ...common,
    entryPoints: ['src/extension/extension.ts'],
    outfile: 'dist/extension.js',
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    external: ['vscode'],
  },
  {
    // The extension's audit worker thread (rules, index and preview off the extension host's thread).
    ...common,
    entryPoints: ['src/extension/auditWorker.ts'],
    outfile: 'dist/auditWorker.js',
    format: 'cjs',
    platform: 'node',
    target: 'node20',
  },
  {
    // The web extension host's entry (package.json `browser`).
    ...web,
    entryPoints: ['src/extension/extension.ts'],
    outfile: 'dist/web/extension.js',
    format: 'cjs',
    external: ['vscode'],
  },
  {
    // Its audit engine, in a Web Worker.
    ...web,
    entryPoints: ['src/extension/web/auditWorker.ts'],
    outfile: 'dist/web/auditWorker.js',
    format: 'iife',
  },
  {
    // The CLI; started by its launcher below, and as such by the audit's threads.
    ...common,
    entryPoints: ['src/cli/cli.ts'],
    outfile: 'dist/cli-bundle.js',
    format: 'cjs',
    platform: 'node',
    target: 'node20',
  },
  {
    // The `kb-audit` command: runs cli-bundle.js from V8's code cache (see src/cli/launch.ts).
    ...common,
    entryPoints: ['src/cli/launch.ts'],
    outfile: 'dist/cli.js',
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
  },
  {
    ...common,
    entryPoints: ['src/webview/main.ts'],
    outfile: 'dist/webview.js',
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
  },
];

/** The config schema lives in TypeScript (src/core/config/schema.ts) so validation and editor completion share one source. */
async function writeSchema() {
  const result = await esbuild.build({
    entryPoints: ['src/core/config/schema.ts'],
    bundle: true,
    write: false,
    format: 'cjs',
    platform: 'node',
    logLevel: 'silent',
  });
  const mod = { exports: {} };
  new Function('module', 'exports', 'require', result.outputFiles[0].text)(mod, mod.exports, require);
  fs.mkdirSync('dist', { recursive: true });
  fs.writeFileSync(path.join('dist', 'kb-audit.schema.json'), JSON.stringify(mod.exports.configSchema, null, 2) + '\n');
}

/** Each rule's documentation page beside the bundles, where the extension links diagnostics. */
function copyRuleDocs() {
  const from = path.join('src', 'core', 'rules');
  const to = path.join('dist', 'rules');
  fs.mkdirSync(to, { recursive: true });
  for (const name of fs.readdirSync(from)) if (name.endsWith('.md')) fs.copyFileSync(path.join(from, name), path.join(to, name));
}

/** The package folder (…/node_modules/name or …/node_modules/@scope/name) an input file lies in. */
function packageFolderOf(input) {
  const parts = input.split('/');
  const at = parts.lastIndexOf('node_modules');
  if (at < 0) return null;
  const length = parts[at + 1]?.startsWith('@') ? 2 : 1;
  return parts.slice(0, at + 1 + length).join('/');
}

/** The data files in media/ that the engine reads, and what each says of its source and licence. */
function dataNotices() {
  const lexicon = fs
    .readFileSync(path.join('media', 'wordnet-lexicon.txt'), 'utf8')
    .split('\n')
    .filter((line, i, lines) => line.startsWith('#') && lines.slice(0, i).every((l) => l.startsWith('#')))
    .map((line) => line.replace(/^# ?/, ''))
    .join('\n');
  const vectors = fs.readFileSync(path.join('media', 'word-vectors.bin'));
  const headerStart = vectors.indexOf(0) + 1; // "KBVEC1", a NUL byte, then a JSON line
  const header = JSON.parse(vectors.subarray(headerStart, vectors.indexOf(0x0a, headerStart)).toString('utf8'));
  return [
    { title: 'media/wordnet-lexicon.txt', text: lexicon },
    { title: 'media/word-vectors.bin', text: `Source: ${header.source}\nLicence: ${header.licence}` },
  ];
}

/**
 * dist/THIRD-PARTY-NOTICES.txt, shipped in the .vsix and the npm package: each package whose code
 * a bundle carries, with the bundles it is in and its licence file(s), then the data in media/.
 */
function writeThirdPartyNotices(results) {
  /** package folder → the bundles that carry it */
  const packages = new Map();
  for (const { metafile } of results) {
    for (const [output, { inputs }] of Object.entries(metafile?.outputs ?? {})) {
      if (output.endsWith('.map')) continue;
      for (const input of Object.keys(inputs)) {
        const folder = packageFolderOf(input);
        if (!folder) continue;
        if (!packages.has(folder)) packages.set(folder, new Set());
        packages.get(folder).add(output);
      }
    }
  }
  const entries = [...packages].map(([folder, outputs]) => {
    const manifest = JSON.parse(fs.readFileSync(path.join(folder, 'package.json'), 'utf8'));
    const licenceFiles = fs.readdirSync(folder).filter((name) => /^(licen[cs]e|copying|notice)([.-].*)?$/i.test(name)).sort();
    const texts = licenceFiles.map((name) => fs.readFileSync(path.join(folder, name), 'utf8').trim());
    const repository = typeof manifest.repository === 'string' ? manifest.repository : manifest.repository?.url;
    return {
      title: `${manifest.name} ${manifest.version} (${manifest.license ?? 'no licence field'})`,
      text: [
        repository ? `Source: ${repository.replace(/^git\+/, '')}` : '',
        `Bundled in: ${[...outputs].sort().join(', ')}`,
        '',
        texts.length ? texts.join('\n\n') : `The package ships no licence file; its package.json says: ${manifest.license}.`,
      ]
        .filter((line, i) => line || i > 0)
        .join('\n'),
    };
  });
  // Several copies of one package (nested versions) stay separate; their order is by name, then version.
  entries.sort((a, b) => (a.title < b.title ? -1 : a.title > b.title ? 1 : 0));
  const rule = '='.repeat(78);
  const sections = [...entries, ...dataNotices()].map(({ title, text }) => `${rule}\n${title}\n${rule}\n\n${text}\n`);
  const head =
    'KB Audit: third-party notices\n\n' +
    `KB Audit's JavaScript files (dist/*.js) carry code of the ${entries.length} open-source packages below, and the\n` +
    'engine reads word data derived from the sources at the end (media/). Their licences follow.\n' +
    'Generated by esbuild.js from the bundles esbuild wrote; do not edit.\n';
  fs.writeFileSync(path.join('dist', 'THIRD-PARTY-NOTICES.txt'), [head, ...sections].join('\n'));
}

async function main() {
  const contexts = await Promise.all(targets.map((options) => esbuild.context(options)));
  await writeSchema();
  copyRuleDocs();
  if (watch) {
    await Promise.all(contexts.map((ctx) => ctx.watch()));
    return;
  }
  try {
    writeThirdPartyNotices(await Promise.all(contexts.map((ctx) => ctx.rebuild())));
  } finally {
    await Promise.all(contexts.map((ctx) => ctx.dispose()));
  }
  fs.chmodSync(path.join('dist', 'cli.js'), 0o755);
}

module.exports = { markdownItFieldsPlugin, withAssignedFields };

if (require.main === module) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
