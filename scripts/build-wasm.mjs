// The WebAssembly half of the build, run by scripts/post-build.mjs (Trunk's post_build hook).
//
// Trunk 0.21 runs cargo → wasm-bindgen → wasm-opt as one step and cannot split a module
// (trunk-rs/trunk#1022: the split must happen between cargo and wasm-bindgen), so the
// `rel="rust"` link in index.html carries `data-trunk-skip` (Trunk builds nothing) and this
// script runs that pipeline itself:
//
//   1. cargo build --target wasm32-unknown-unknown --bin pos-helper, with --release for a release
//      build (relocations kept: .cargo/config.toml);
//   2. wasm-split-cli (wasm_split_cli_support, pinned by scripts/install) cuts the module at the
//      split points of src/app.rs: a main module (shell, router, home page) plus one module per
//      part and the chunks parts share, with a small JS loader that fetches them on first use;
//   3. wasm-bindgen --target web --keep-lld-exports on the main module;
//   4. release only: wasm-opt -Oz on the bound main module and on every split module, two at a
//      time (binaryen 132 from npm).
//   Steps 2-4 are cached in target/wasm-split/<key>, the key being a hash of the cargo output,
//   this script, the profile and the tool versions; only the newest entry is kept.
//   5. content-hashed names (each split module by its own bytes; the glue, the loader and the
//      main module by one hash over the three, as they name each other), the import specifiers
//      rewritten to match, all written into Trunk's staging directory, and a boot script that
//      starts the glue (no inline script: the CSP forbids it).
//
// The developer loop (scripts/dev) builds the debug module unsplit instead: buildDevWasm, below.
// scripts/split-loader.mjs reads the loader: here to check it, in scripts/bench-size to report
// what a deep link to each tool loads.
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { partsOf } from './split-loader.mjs';

const root = new URL('..', import.meta.url).pathname;
// Cargo's output directory (CARGO_TARGET_DIR when set, as cargo itself honours it).
const targetDir = process.env.CARGO_TARGET_DIR || join(root, 'target');
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
/** The start: the page's own text paints first, then the app's code is fetched (index.html does
 *  not preload it, so the 170 KB module does not compete with the stylesheet for a slow line, and
 *  a deep link is readable before any of it arrives). A hidden tab paints no frame: after 200 ms
 *  the fetch starts anyway. */
const bootScript = (names) => `import init from './${names.glue}';\n` +
  'await new Promise((go) => { requestAnimationFrame(() => setTimeout(go, 0)); setTimeout(go, 200); });\n' +
  `await init({ module_or_path: new URL('./${names.mainWasm}', import.meta.url) });\n`;

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
  const inputPath = join(targetDir, 'wasm32-unknown-unknown', profile, `${BIN}.wasm`);
  const input = readFileSync(inputPath);

  // Steps 2-4 depend only on the module, the tools and this script, not on the public URL:
  // the second build of a test run (for /pos-help/) reuses the first one's output.
  // KEEP_NAMES=1 keeps the function names through wasm-opt (-g), for profiling a release build.
  const keepNames = process.env.KEEP_NAMES === '1';
  const key = sha(Buffer.concat([input, readFileSync(new URL(import.meta.url)), Buffer.from(`${profile} ${toolVersions()} ${keepNames}`)]));
  const cacheRoot = join(targetDir, 'wasm-split');
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
      await parallel(modules.map((file) => () => spawnChecked('wasm-opt', ['-Oz', ...(keepNames ? ['-g'] : []), ...WASM_FEATURES, file, '-o', file])), 2);
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

  const boot = bootScript(names);
  const bootName = `boot-${sha(boot)}.js`;
  writeFileSync(join(staging, bootName), boot);

  const parts = partsOf(link); // throws if the loader is not what bench-size expects
  console.log(`build-wasm: main module + ${chunkFiles.length} split modules; parts: ${Object.keys(parts).join(', ')}`);
  return { boot: bootName, ...names };
}

// ---------------------------------------------------------------------------------------------
// The developer loop (scripts/dev → Trunk.dev.toml → post-build.mjs --dev): the debug module,
// not split and not optimised, so a save is rebuilt in seconds.
//
// An unsplit module still imports its split points from the module "__wasm_split_placeholder__"
// (wasm_split_helpers has no fallback: on wasm32 a split function is always an import, which
// wasm-split-cli rewrites): `__wasm_split_load_<part>(callback, data)` and
// `__wasm_split_00<part>00_import_<id>_<fn>(...)`, whose body the same module exports as
// `__wasm_split_00<part>00_export_<id>_<fn>`. Instead of splitting, this writes a small module in
// place of the placeholder: "loading" a part calls the callback with success (everything is
// already in the one module), and each import calls its export. The Rust code is the release's,
// unchanged: the routes still await their part.

/** The sections of a wasm module: [{ id, header, start, end }]: where each begins, and its contents. */
function sections(bytes) {
  const out = [];
  let p = 8;
  while (p < bytes.length) {
    const header = p;
    const id = bytes[p++];
    const [size, n] = uleb(bytes, p);
    p += n;
    out.push({ id, header, start: p, end: p + size });
    p += size;
  }
  return out;
}
function uleb(bytes, p) {
  let value = 0;
  let shift = 0;
  let n = 0;
  for (;;) {
    const b = bytes[p + n++];
    value += (b & 0x7f) * 2 ** shift;
    shift += 7;
    if (!(b & 0x80)) return [value, n];
  }
}
function ulebBytes(value) {
  const out = [];
  do {
    let b = value % 128;
    value = Math.floor(value / 128);
    if (value) b |= 0x80;
    out.push(b);
  } while (value);
  return Buffer.from(out);
}
const utf8 = (bytes, p) => {
  const [len, n] = uleb(bytes, p);
  return [bytes.subarray(p + n, p + n + len).toString('utf8'), n + len];
};
const skipLimits = (bytes, p) => {
  const flags = bytes[p];
  let n = 1;
  n += uleb(bytes, p + n)[1];
  if (flags & 1) n += uleb(bytes, p + n)[1];
  return n;
};

/** Imports from `module`, the function table's index and whether any export names it. */
function inspect(bytes, module) {
  const names = [];
  let tables = 0;
  let funcTable = -1;
  let exported = false;
  const all = sections(bytes);
  for (const { id, start } of all) {
    let p = start;
    const [count, n] = uleb(bytes, p);
    p += n;
    if (id === 2) {
      for (let i = 0; i < count; i++) {
        const [mod, a] = utf8(bytes, p);
        p += a;
        const [name, b] = utf8(bytes, p);
        p += b;
        const kind = bytes[p++];
        if (kind === 0) p += uleb(bytes, p)[1];
        else if (kind === 1) {
          if (bytes[p] === 0x70 && funcTable < 0) funcTable = tables;
          tables += 1;
          p += 1 + skipLimits(bytes, p + 1);
        } else if (kind === 2) p += skipLimits(bytes, p);
        else if (kind === 3) p += 2;
        else if (kind === 4) p += 1 + uleb(bytes, p + 1)[1];
        else throw new Error(`build-wasm: unknown import kind ${kind}`);
        if (mod === module && kind === 0) names.push(name);
      }
    } else if (id === 4) {
      for (let i = 0; i < count; i++) {
        if (bytes[p] === 0x70 && funcTable < 0) funcTable = tables;
        tables += 1;
        if (bytes[p] === 0x40) throw new Error('build-wasm: table initialisers are not handled');
        p += 1 + skipLimits(bytes, p + 1);
      }
    } else if (id === 7) {
      for (let i = 0; i < count; i++) {
        const [name, a] = utf8(bytes, p);
        p += a;
        const kind = bytes[p++];
        const [index, b] = uleb(bytes, p);
        p += b;
        if (kind === 1 && index === funcTable) exported = name;
      }
    }
  }
  return { names, funcTable, exported, sections: all };
}

/** `bytes` with one more export: the table `index` as `name`. */
function exportTable(bytes, exportSection, index, name) {
  const { header, start, end } = exportSection;
  const [count, n] = uleb(bytes, start);
  const nameBytes = Buffer.from(name);
  const body = Buffer.concat([
    ulebBytes(count + 1),
    bytes.subarray(start + n, end),
    ulebBytes(nameBytes.length), nameBytes, Buffer.from([1]), ulebBytes(index),
  ]);
  return Buffer.concat([bytes.subarray(0, header), Buffer.from([7]), ulebBytes(body.length), body, bytes.subarray(end)]);
}

/** Builds the debug module and binds it, unsplit; writes the files into `staging`. Returns what
 *  index.html must load, as buildWasm does: { boot, glue, mainWasm }. */
export async function buildDevWasm({ staging }) {
  const PLACEHOLDER = '__wasm_split_placeholder__';
  const t0 = Date.now();
  // cargo, timed: how long it waited for the build directory's lock (another cargo), how long it built.
  const waited = await new Promise((resolve, reject) => {
    const args = ['build', '--target', 'wasm32-unknown-unknown', '--bin', BIN];
    console.log(`build-wasm: cargo ${args.join(' ')}`);
    const child = spawn('cargo', args, { stdio: ['ignore', 'inherit', 'pipe'], cwd: root });
    let blockedAt = 0;
    let wait = 0;
    child.stderr.on('data', (d) => {
      process.stderr.write(d);
      if (blockedAt) { wait += Date.now() - blockedAt; blockedAt = 0; }
      if (/Blocking waiting for file lock/.test(d)) blockedAt = Date.now();
    });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(wait) : reject(new Error(`cargo build failed (${code})`))));
  });
  const tCargo = Date.now();
  const inputPath = join(targetDir, 'wasm32-unknown-unknown', 'debug', `${BIN}.wasm`);
  // A fresh directory per build: target/ may be shared by several checkouts.
  const bound = mkdtempSync(join(tmpdir(), 'pos-helper-dev-'));
  let wasm;
  let glue;
  let tBindgen;
  try {
    run('wasm-bindgen', ['--target', 'web', '--keep-lld-exports', '--out-name', BIN, '--out-dir', bound, inputPath]);
    tBindgen = Date.now();
    wasm = readFileSync(join(bound, `${BIN}_bg.wasm`));
    glue = readFileSync(join(bound, `${BIN}.js`), 'utf8');
  } finally {
    rmSync(bound, { recursive: true, force: true });
  }
  const info = inspect(wasm, PLACEHOLDER);
  let table = info.exported;
  if (!table) {
    // The load callback is a Rust function pointer: an index into this table.
    const exports = info.sections.find((s) => s.id === 7);
    if (info.funcTable < 0 || !exports) throw new Error('build-wasm: no function table or no export section');
    table = '__indirect_function_table';
    wasm = exportTable(wasm, exports, info.funcTable, table);
  }
  const loads = info.names.filter((f) => f.startsWith('__wasm_split_load_'));
  const calls = info.names.filter((f) => /^__wasm_split_00\w+00_import_/.test(f));
  if (loads.length + calls.length !== info.names.length || loads.length === 0) {
    throw new Error(`build-wasm: unexpected split imports: ${info.names.join(', ')}`);
  }
  const GLUE = '__GLUE__';
  let shim = `// scripts/dev: the module is not split, so every part is already loaded (see build-wasm.mjs).\n` +
    `import { initSync } from './${GLUE}';\n` +
    `const wasm = () => initSync(undefined, undefined); // the instance's exports, once started\n` +
    loads.map((f) => `export function ${f}(callback, data) {\n` +
      `  Promise.resolve().then(() => wasm().${table}.get(callback)(data, true));\n}\n`).join('') +
    calls.map((f) => `export function ${f}(...args) {\n` +
      `  return wasm().${f.replace('_import_', '_export_')}(...args);\n}\n`).join('');

  const spec = `from "${PLACEHOLDER}"`;
  if (!glue.includes(spec)) throw new Error('build-wasm: the glue does not import the split placeholder');
  const all = sha(Buffer.concat([wasm, Buffer.from(glue), Buffer.from(shim)]));
  const names = { glue: `${BIN}-dev-${all}.js`, mainWasm: `${BIN}-dev-${all}_bg.wasm`, link: `split-dev-${all}.js` };
  glue = glue.split(spec).join(`from "./${names.link}"`);
  shim = shim.replace(GLUE, names.glue);
  writeFileSync(join(staging, names.glue), glue);
  writeFileSync(join(staging, names.link), shim);
  writeFileSync(join(staging, names.mainWasm), wasm);
  const boot = bootScript(names);
  const bootName = `boot-${sha(boot)}.js`;
  writeFileSync(join(staging, bootName), boot);
  console.log(`build-wasm: debug module, not split (${(wasm.length / 1e6).toFixed(1)} MB); parts ${loads.map((f) => f.slice(18)).join(', ')} answered by ${names.link}`);
  const s = (ms) => `${(ms / 1000).toFixed(1)} s`;
  console.log(`build-wasm: ${s(Date.now() - t0)}: cargo ${s(tCargo - t0 - waited)} (+ ${s(waited)} waiting for another cargo's lock), ` +
    `wasm-bindgen ${s(tBindgen - tCargo)}, the rest ${s(Date.now() - tBindgen)}`);
  return { boot: bootName, ...names };
}
