// The WebAssembly half of the build, run by scripts/post-build.mjs (Trunk's post_build hook).
//
// Trunk 0.21 runs cargo → wasm-bindgen → wasm-opt as one step and cannot split a module
// (trunk-rs/trunk#1022: the split must happen between cargo and wasm-bindgen), so index.html has
// no `rel="rust"` link and this script does that pipeline itself:
//
//   1. cargo build --target wasm32-unknown-unknown (relocations kept: .cargo/config.toml);
//   2. wasm-split-cli (wasm_split_cli_support, pinned by scripts/install) cuts the module at the
//      lazy parts of src/app.rs: a main module (shell, router, home page) plus one module per
//      part and the chunks parts share, with a small JS loader that fetches them on first use;
//   3. wasm-bindgen --target web on the main module;
//   4. wasm-opt -Oz on every module (binaryen 132 from npm, as before);
//   5. content-hashed file names, written into Trunk's staging directory, and a boot script
//      (no inline script: the CSP forbids it).
//
// scripts/bench-size reads the loader to report what a deep link to each tool loads.
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { partsOf } from './split-loader.mjs';

const root = new URL('..', import.meta.url).pathname;
const BIN = 'pos-helper';
const sha = (data) => createHash('sha256').update(data).digest('hex').slice(0, 16);
const run = (cmd, args) => {
  console.log(`build-wasm: ${cmd} ${args.join(' ')}`);
  execFileSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'], cwd: root });
};
// The features wasm-bindgen's output uses (reference types for externref, bulk memory, ...).
const WASM_FEATURES = ['--enable-bulk-memory', '--enable-reference-types', '--enable-nontrapping-float-to-int', '--enable-sign-ext', '--enable-mutable-globals'];
const toolVersions = () => ['wasm-bindgen --version', 'wasm-opt --version']
  .map((c) => execFileSync(c.split(' ')[0], [c.split(' ')[1]], { cwd: root }).toString().trim())
  .join(' ') + ' ' + (execFileSync('cargo', ['install', '--list']).toString().match(/^wasm_split_cli_support v\S+/m)?.[0] ?? '');
const spawnChecked = (cmd, args) => new Promise((resolve, reject) => {
  console.log(`build-wasm: ${cmd} ${args.join(' ')}`);
  // wasm-opt warns about the name subsection the splitter writes; only failures matter.
  const child = spawn(cmd, args, { stdio: ['ignore', 'inherit', 'pipe'], cwd: root });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  child.on('error', reject);
  child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} failed (${code}): ${stderr}`))));
});
async function parallel(jobs, width) {
  const queue = [...jobs];
  await Promise.all(Array.from({ length: width }, async () => {
    while (queue.length) await queue.shift()();
  }));
}

/** Builds, splits, binds and optimises; writes the files into `staging`. Returns what index.html
 *  must load: { boot, glue, mainWasm, link }. */
export async function buildWasm({ staging, release }) {
  const profile = release ? 'release' : 'debug';
  run('cargo', ['build', '--target', 'wasm32-unknown-unknown', '--bin', BIN, ...(release ? ['--release'] : [])]);
  const inputPath = join(root, 'target', 'wasm32-unknown-unknown', profile, `${BIN}.wasm`);
  const input = readFileSync(inputPath);

  // Steps 2-4 depend only on the module, the tools and this script, not on the public URL:
  // the second build of a test run (for /pos-help/) reuses the first one's output.
  const key = sha(Buffer.concat([input, readFileSync(new URL(import.meta.url)), Buffer.from(`${profile} ${toolVersions()}`)]));
  const cacheRoot = join(root, 'target', 'wasm-split');
  const work = join(cacheRoot, key);
  const split = join(work, 'split');
  const bound = join(work, 'bound');
  const mainWasmPath = join(bound, `${BIN}_bg.wasm`);
  const splitModules = () => readdirSync(split).filter((f) => f.endsWith('.wasm') && f !== `${BIN}.wasm`).sort();
  if (!existsSync(join(work, 'done'))) {
    rmSync(cacheRoot, { recursive: true, force: true });
    mkdirSync(bound, { recursive: true });
    run('wasm-split-cli', [inputPath, split, '--out-name', BIN]);
    run('wasm-bindgen', ['--target', 'web', '--keep-lld-exports', '--out-name', BIN, '--out-dir', bound, join(split, `${BIN}.wasm`)]);
    if (release) {
      const modules = [mainWasmPath, ...splitModules().map((f) => join(split, f))];
      await parallel(modules.map((file) => () => spawnChecked('wasm-opt', ['-Oz', ...WASM_FEATURES, file, '-o', file])), 2);
    }
    writeFileSync(join(work, 'done'), key + '\n');
  } else {
    console.log(`build-wasm: module unchanged, reusing target/wasm-split/${key}`);
  }
  const chunkFiles = splitModules();

  // Names: every split module by its own content; the glue, the loader and the main module by
  // one hash over all of them (they name each other, so none can be hashed alone).
  const LINK = './__wasm_split.js';
  let link = readFileSync(join(split, '__wasm_split.js'), 'utf8');
  const chunkNames = new Map();
  for (const f of chunkFiles) {
    const bytes = readFileSync(join(split, f));
    const name = `${f.startsWith('split_') ? 'part' : 'chunk'}-${sha(bytes)}.wasm`;
    chunkNames.set(f, name);
    const quoted = `"./${f}"`;
    if (!link.includes(quoted)) throw new Error(`build-wasm: the split loader does not name ${f}`);
    link = link.split(quoted).join(`"./${name}"`);
  }
  let glue = readFileSync(join(bound, `${BIN}.js`), 'utf8');
  const mainWasm = readFileSync(mainWasmPath);
  const all = sha(Buffer.concat([mainWasm, Buffer.from(glue), Buffer.from(link)]));
  const names = { glue: `${BIN}-${all}.js`, mainWasm: `${BIN}-${all}_bg.wasm`, link: `split-${all}.js` };

  // The glue imports the loader as a module ("./__wasm_split.js"); the key of the wasm import
  // object keeps that name, only the import specifiers change.
  const linkSpec = `from "${LINK}"`;
  if (!glue.includes(linkSpec)) throw new Error('build-wasm: the glue does not import the split loader');
  glue = glue.split(linkSpec).join(`from "./${names.link}"`);
  const mainSpec = `from "./${BIN}.js"`;
  if (!link.includes(mainSpec)) throw new Error('build-wasm: the split loader does not import the glue');
  link = link.split(mainSpec).join(`from "./${names.glue}"`);

  writeFileSync(join(staging, names.glue), glue);
  writeFileSync(join(staging, names.link), link);
  copyFileSync(mainWasmPath, join(staging, names.mainWasm));
  for (const [f, name] of chunkNames) copyFileSync(join(split, f), join(staging, name));

  const boot = `import init from './${names.glue}';\n` +
    `await init({ module_or_path: new URL('./${names.mainWasm}', import.meta.url) });\n`;
  const bootName = `boot-${sha(boot)}.js`;
  writeFileSync(join(staging, bootName), boot);

  const parts = partsOf(link); // throws if the loader is not what bench-size expects
  console.log(`build-wasm: main module + ${chunkFiles.length} split modules; parts: ${Object.keys(parts).join(', ')}`);
  return { boot: bootName, ...names };
}
