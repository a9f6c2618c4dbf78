// Reads the loader that wasm-split-cli writes (split-*.js): for each lazy part, its own module and
// the shared chunks it waits for. Used by scripts/build-wasm.mjs (to check the loader) and by
// scripts/bench-size (to report what a deep link to each tool fetches).

/** `{ part name: [its module file, ...chunk files] }`, in the loader's order. Throws if a part
 *  waits for a chunk the loader does not define, or if there is no part at all. */
export function partsOf(loaderSource) {
  const chunkFile = new Map(); // __chunk_N -> file
  for (const m of loaderSource.matchAll(/const (__chunk_\d+) = makeLoad\(\(\) => \{\s*const src = fetch\(new URL\("\.\/([^"]+)"/g)) {
    chunkFile.set(m[1], m[2]);
  }
  const parts = {};
  for (const m of loaderSource.matchAll(/export const __wasm_split_load_(\w+?)(?:_\d+)? = wrapAsyncCb\(makeLoad\(([\s\S]*?), \[([^\]]*)\]\)\);/g)) {
    const own = m[2].match(/new URL\("\.\/([^"]+)"/)?.[1];
    const deps = m[3].split(',').map((v) => v.trim()).filter(Boolean);
    const unknown = deps.filter((v) => !chunkFile.has(v));
    if (unknown.length) throw new Error(`split loader: part ${m[1]} waits for unknown ${unknown.join(', ')}`);
    parts[m[1]] = [...(own ? [own] : []), ...deps.map((v) => chunkFile.get(v))];
  }
  if (Object.keys(parts).length === 0) throw new Error('split loader: no lazy part found');
  return parts;
}
