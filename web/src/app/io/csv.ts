// STAND-IN until helper/io lands (take theirs on merge): CSV in and out of the playground
// with the agreed signatures. parseCsv reads `x1,x2,label` (classification), `x1,x2,value`
// (regression, header y/value/target) or `x,y` (1-D) and reports the first bad line.
import type { Dataset } from '../../core/types.js';

export const MAX_CSV_POINTS = 5000;
export const MAX_CSV_CLASSES = 6;

export class CsvError extends Error {
  readonly line: number | null;
  readonly reason: string;
  constructor(reason: string, line: number | null) {
    super(line === null ? reason : `line ${line}: ${reason}`);
    this.name = 'CsvError';
    this.line = line;
    this.reason = reason;
  }
}

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

export function parseCsv(text: string): Dataset {
  const lines = text.split(/\r?\n/);
  let cols = 0;
  let regression = false;
  const x: number[] = [];
  const y: number[] = [];
  let headerSeen = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '' || line.startsWith('#')) continue;
    const cells = line.split(',').map((c) => c.trim());
    if (!headerSeen && cells.some((c) => !NUMBER.test(c))) {
      headerSeen = true;
      if (cells.length !== 2 && cells.length !== 3) throw new CsvError(`expected a header of 2 or 3 names, got ${cells.length}`, i + 1);
      cols = cells.length;
      regression = cols === 2 || ['y', 'value', 'target'].includes(cells[2]!.toLowerCase());
      continue;
    }
    headerSeen = true;
    if (cols === 0) cols = cells.length;
    if (cols !== 2 && cols !== 3) throw new CsvError(`expected 3 values (x1,x2,label) or 2 (x,y), got ${cells.length}`, i + 1);
    if (cells.length !== cols) throw new CsvError(`expected ${cols} values, got ${cells.length}`, i + 1);
    const v = cells.map((c, k) => {
      if (!NUMBER.test(c)) throw new CsvError(`value ${k + 1} (${JSON.stringify(c.slice(0, 20))}) is not a number`, i + 1);
      return Number(c);
    });
    if (!v.every(Number.isFinite)) throw new CsvError('values must be finite', i + 1);
    if (x.length / (cols - 1) >= MAX_CSV_POINTS) throw new CsvError(`more than ${MAX_CSV_POINTS} points`, i + 1);
    if (cols === 3 && !regression) {
      const label = v[2]!;
      if (!Number.isInteger(label) || label < 0 || label >= MAX_CSV_CLASSES)
        throw new CsvError(`label must be an integer in [0, ${MAX_CSV_CLASSES - 1}], got ${cells[2]}`, i + 1);
    }
    x.push(...v.slice(0, cols - 1));
    y.push(v[cols - 1]!);
  }
  if (y.length === 0) throw new CsvError('no data rows', null);
  const dims = (cols - 1) as 1 | 2;
  if (dims === 1) regression = true;
  const classes = regression ? 0 : Math.max(2, ...y.map((l) => l + 1));
  return {
    problem: regression ? 'regression' : 'classification',
    dims,
    classes,
    x: Float32Array.from(x),
    y: Float32Array.from(y),
    size: y.length,
  };
}

export function toCsv(data: Dataset): string {
  const header = data.dims === 1 ? 'x,y' : data.problem === 'regression' ? 'x1,x2,value' : 'x1,x2,label';
  const rows = [header];
  for (let i = 0; i < data.size; i++) {
    const coords = Array.from(data.x.subarray(i * data.dims, (i + 1) * data.dims));
    rows.push([...coords, data.y[i]!].join(','));
  }
  return rows.join('\n') + '\n';
}
