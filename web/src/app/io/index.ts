// The playground's import/export: CSV data files, points in the URL hash, and the trained
// network as a PyTorch script. Pure functions, no DOM.
export { CsvError, MAX_CSV_CLASSES, MAX_CSV_POINTS, type ParsedData, parseCsv, toCsv } from './csv.js';
export { formatFloat32 } from './float32.js';
export { decodePoints, encodePoints, HASH_DATA_VERSION, HashDataError, MAX_HASH_CLASSES, MAX_HASH_POINTS } from './hash-data.js';
export { type ExportableNetwork, type PyTorchExportOptions, toPyTorchScript } from './pytorch.js';
