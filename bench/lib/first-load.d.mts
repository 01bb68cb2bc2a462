// Types of bench/lib/first-load.mjs for the E2E test that imports its list.
export interface FirstLoadFile {
  role: string;
  /** The file in dist/site, Vite's content hash replaced by `*`. */
  file: string;
}
export const FIRST_LOAD: readonly FirstLoadFile[];
export function siteFile(url: string, base: string): string;
export function filesBefore(requests: { url: string; at: number }[], base: string, times: { origin: number; trained: number }): string[];
export const WATCH_FIRST_LOAD: () => void;
