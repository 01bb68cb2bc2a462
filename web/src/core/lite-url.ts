// Where the site's lite module (.wasm) is: imported by lite.ts and by the site's page
// (main.ts), which fetches it while the element and its worker load (app/client.ts).
export function liteWasmUrl(): URL {
  return new URL('./wasm/mlp-simd-lite.wasm', import.meta.url);
}
