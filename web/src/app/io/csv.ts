// User data in and out of the playground as CSV: parseCsv reads a file of points
// (x1,x2,label / x1,x2,value / x,y) into a Dataset or reports the first bad line;
// toCsv writes a Dataset that parseCsv reads back unchanged.
import type { Dataset } from '../../core/types.js';
import { DECIMAL } from '../text.js';
import { formatFloat32 } from './float32.js';

/** What parseCsv returns: exactly the library's Dataset (feed it to `mlp.makeDataset` or use it as is). */
export type ParsedData = Dataset;

/** Most data rows parseCsv accepts. */
export const MAX_CSV_POINTS = 5000;
/** Most classes parseCsv accepts (labels 0..5), as the playground's colour scale. */
export const MAX_CSV_CLASSES = 6;

/** Header names of the third column that make a file regression (case-insensitive). */
const REGRESSION_NAMES = new Set(['y', 'value', 'target']);
/** Header names of the third column that make a file classification (case-insensitive). */
const CLASS_NAMES = new Set(['label', 'class']);

/** A file parseCsv refuses: `line` is the 1-based line at fault (null when no single line is). */
export class CsvError extends Error {
  /** 1-based line number in the text, or null for whole-file problems (no rows, a missing class). */
  readonly line: number | null;
  /** The message without its location ("expected 3 values (x1,x2,label), got 2"). */
  readonly reason: string;

  constructor(reason: string, line: number | null, message = line === null ? reason : `line ${line}: ${reason}`) {
    super(message);
    this.name = 'CsvError';
    this.line = line;
    this.reason = reason;
  }
}

const NON_FINITE = /^[+-]?(?:inf|infinity|nan)$/i;
const DECIMAL_COMMA = /^[+-]?\d*,\d+$/;

/** A field as shown in a message: long ones cut short, so a hostile file cannot flood the UI. */
function show(field: string): string {
  return field.length > 40 ? `${field.slice(0, 37)}...` : field;
}

function unquote(field: string): string {
  const f = field.trim();
  return f.length >= 2 && f.startsWith('"') && f.endsWith('"') ? f.slice(1, -1).trim() : f;
}

function isNumberText(field: string): boolean {
  return DECIMAL.test(field) || NON_FINITE.test(field);
}

/** Tab, then semicolon, then comma: a "1,5;2,0;1" file (decimal commas) splits on ";". */
function detectSeparator(line: string): string {
  if (line.includes('\t')) return '\t';
  if (line.includes(';')) return ';';
  return ',';
}

function separatorName(sep: string): string {
  return sep === '\t' ? 'tab' : `"${sep}"`;
}

function parseValue(field: string, line: number, column: number): number {
  if (field === '') throw new CsvError(`column ${column} is empty`, line);
  if (NON_FINITE.test(field)) throw new CsvError(`value ${show(field)} is not finite`, line);
  if (!DECIMAL.test(field)) {
    const hint = DECIMAL_COMMA.test(field) ? ' (use "." as the decimal point)' : '';
    throw new CsvError(`"${show(field)}" is not a number${hint}`, line);
  }
  const v = Number(field);
  if (!Number.isFinite(v)) throw new CsvError(`value ${show(field)} is not finite`, line);
  if (!Number.isFinite(Math.fround(v))) {
    throw new CsvError(`value ${show(field)} is too large (float32 holds up to ±3.4e38)`, line);
  }
  return v;
}

/** A label error, worded "label 2.5 on line 4 is not an integer". */
function labelError(text: string, line: number, rest: string): CsvError {
  const t = show(text);
  return new CsvError(`label ${t} ${rest}`, line, `label ${t} on line ${line} ${rest}`);
}

/**
 * Checks classification labels one row at a time, in file order, so the first bad line is
 * the one reported. Labels are 0..K-1, or -1/+1 (the TensorFlow Playground's), never mixed.
 * `hint` is appended to range errors when the file's kind was only inferred from its values.
 */
class LabelChecker {
  #minusOneLine = 0;
  #indexLine = 0; // first line with a label other than -1 and +1
  #indexText = '';
  readonly #counts = new Array<number>(MAX_CSV_CLASSES).fill(0);
  readonly #hint: string;

  constructor(hint: string) {
    this.#hint = hint;
  }

  check(v: number, text: string, line: number): void {
    const top = MAX_CSV_CLASSES - 1;
    if (!Number.isInteger(v)) throw labelError(text, line, 'is not an integer');
    if (v < -1) throw labelError(text, line, `is not a class (labels are 0..${top}, or -1 and +1)${this.#hint}`);
    if (v > top) {
      throw labelError(text, line, `is out of range: at most ${MAX_CSV_CLASSES} classes (labels 0..${top})${this.#hint}`);
    }
    if (v === -1) {
      if (this.#indexLine) {
        throw labelError(text, line, `mixes -1/+1 labels with class indices (label ${this.#indexText} on line ${this.#indexLine})`);
      }
      this.#minusOneLine ||= line;
    } else if (v !== 1) {
      if (this.#minusOneLine) {
        throw labelError(text, line, `mixes class indices with -1/+1 labels (label -1 on line ${this.#minusOneLine})`);
      }
      if (!this.#indexLine) {
        this.#indexLine = line;
        this.#indexText = show(text);
      }
    }
    this.#counts[this.classOf(v)]! += 1;
  }

  /** The class count once every row is in; throws if fewer than 2 classes or one is empty. */
  classes(): number {
    if (this.#minusOneLine) {
      if (this.#counts[1] === 0) {
        throw new CsvError('only one class found (every label is -1); classification needs at least 2', null);
      }
      return 2;
    }
    let k = 0;
    this.#counts.forEach((c, i) => {
      if (c > 0) k = i + 1;
    });
    if (k < 2) throw new CsvError(`only one class found (every label is 0); classification needs at least 2${this.#hint}`, null);
    const empty = this.#counts.slice(0, k).indexOf(0);
    if (empty >= 0) throw new CsvError(`${k} classes found but class ${empty} has no points${this.#hint}`, null);
    return k;
  }

  /** The class index of a checked label: -1 -> 0 in -1/+1 files (and -0 -> 0). */
  classOf(v: number): number {
    return v === -1 ? 0 : v + 0;
  }
}

/**
 * Parses user points from CSV text. Accepted layouts (columns in this order; an optional
 * header line, recognised when none of its fields is a number, names them):
 *
 * - `x1,x2,label`: 2-D classification. Labels are integers 0..K-1 (2 <= K <= 6, every
 *   class present) or -1/+1 as in the TensorFlow Playground (-1 -> class 0, +1 -> class 1).
 * - `x1,x2,value`: 2-D regression. A header naming the third column `y`, `value` or
 *   `target` makes the file regression, `label` or `class` makes it classification;
 *   otherwise the file is classification when every third-column value is an integer.
 * - `x,y`: 1-D regression, y = f(x).
 *
 * Fields are separated by a tab if the first non-comment line has one, else by a semicolon if
 * it has one, else by commas, and by that separator throughout (so "1,5;2;0" is read with
 * ";" and reported as a decimal comma); fields are trimmed and may be double-quoted; blank
 * lines and lines starting with `#` are skipped; CRLF/CR line ends and a UTF-8 BOM are fine.
 * Numbers are plain decimals (`-1.5`, `.5`, `2e-3`); values must fit a float32.
 * At most 5000 points.
 *
 * Throws a CsvError for the first bad line (in file order; label range/class checks of a
 * file whose kind is inferred from its labels come after every line's format check) and
 * returns nothing then, so the caller keeps its current data.
 */
export function parseCsv(text: string): ParsedData {
  if (typeof text !== 'string') throw new CsvError('the input is not text', null);
  const lines = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).split(/\r\n|\r|\n/);

  let sep = '';
  let sepLine = 0;
  let columns = 0;
  let header: string[] | null = null;
  let layout = '';
  let labels: LabelChecker | null = null; // set when a header says "classification"
  let forcedRegression = false;
  const x: number[] = [];
  const y: number[] = [];
  const yText: string[] = [];
  const yLine: number[] = [];

  for (let i = 0; i < lines.length; i++) {
    const line = i + 1;
    const content = lines[i]!.trim();
    if (content === '' || content.startsWith('#')) continue;
    if (!sep) {
      sep = detectSeparator(content);
      sepLine = line;
    }
    const fields = content.split(sep).map(unquote);

    if (columns === 0) {
      if (fields.length !== 2 && fields.length !== 3) {
        throw new CsvError(`expected 2 or 3 columns (x,y or x1,x2,label), got ${fields.length}`, line);
      }
      columns = fields.length;
      if (!fields.some(isNumberText)) {
        header = fields;
        layout = fields.map(show).join(',');
        const name = fields[2]?.toLowerCase();
        if (columns === 3 && name !== undefined && REGRESSION_NAMES.has(name)) forcedRegression = true;
        if (columns === 3 && name !== undefined && CLASS_NAMES.has(name)) labels = new LabelChecker('');
        continue;
      }
      layout = columns === 2 ? 'x,y' : 'x1,x2,label';
    }

    if (fields.length !== columns) {
      const other = ['\t', ';', ','].find((s) => s !== sep && content.includes(s));
      const hint = other ? ` (the separator is ${separatorName(sep)}, as on line ${sepLine})` : '';
      throw new CsvError(`expected ${columns} values (${layout}), got ${fields.length}${hint}`, line);
    }
    if (y.length === MAX_CSV_POINTS) {
      throw new CsvError(`too many points (max ${MAX_CSV_POINTS})`, line, `too many points (max ${MAX_CSV_POINTS})`);
    }
    const values = fields.map((f, c) => parseValue(f, line, c + 1));
    const v = values[columns - 1]!;
    if (labels) labels.check(v, fields[columns - 1]!, line);
    for (let c = 0; c < columns - 1; c++) x.push(values[c]!);
    y.push(v);
    yText.push(fields[columns - 1]!);
    yLine.push(line);
  }

  if (y.length === 0) throw new CsvError('no data rows', null);
  const dims: 1 | 2 = columns === 2 ? 1 : 2;
  const size = y.length;
  const xs = Float32Array.from(x);

  if (!labels && (dims === 1 || forcedRegression || !y.every(Number.isInteger))) {
    return { problem: 'regression', dims, classes: 0, x: xs, y: Float32Array.from(y), size };
  }
  if (!labels) {
    // Classification inferred from integer values: check them now, in file order.
    labels = new LabelChecker(header ? '' : '; to load the third column as regression values, add a header line x1,x2,value');
    for (let i = 0; i < size; i++) labels.check(y[i]!, yText[i]!, yLine[i]!);
  }
  const classes = labels.classes();
  const ys = new Float32Array(size);
  for (let i = 0; i < size; i++) ys[i] = labels.classOf(y[i]!);
  return { problem: 'classification', dims, classes, x: xs, y: ys, size };
}

/**
 * Writes a dataset as CSV text that parseCsv reads back to the same data: a header
 * (`x1,x2,label`, `x1,x2,value` or `x,y`) then one row per point, every float32 printed
 * with the fewest digits that read back to exactly that float32, labels as 0..K-1, `\n`
 * line ends. Exact round trip needs at least one point of every class (parseCsv infers K
 * from the labels) and at most 5000 points (parseCsv's cap); larger sets are still written.
 * Throws an Error for data it cannot write faithfully: inconsistent sizes, non-finite
 * values, labels that are not classes, or 1-D classification (two columns read back as x,y).
 */
export function toCsv(data: Dataset): string {
  const { problem, dims, classes, x, y, size } = data;
  if (dims !== 1 && dims !== 2) throw new Error(`toCsv: dims must be 1 or 2, got ${String(dims)}`);
  if (problem !== 'classification' && problem !== 'regression') {
    throw new Error(`toCsv: problem must be "classification" or "regression", got ${String(problem)}`);
  }
  if (!Number.isInteger(size) || size < 0 || x.length !== size * dims || y.length !== size) {
    throw new Error(`toCsv: sizes disagree (size ${size}, x has ${x.length} values for ${dims} dims, y has ${y.length})`);
  }
  if (problem === 'classification' && dims === 1) {
    throw new Error('toCsv: 1-D classification has no CSV layout (two columns are read back as x,y regression)');
  }
  const num = (v: number, what: string): string => {
    if (!Number.isFinite(v)) throw new Error(`toCsv: ${what} is ${v}, not a finite number`);
    return formatFloat32(v);
  };
  const out: string[] = [dims === 1 ? 'x,y' : problem === 'classification' ? 'x1,x2,label' : 'x1,x2,value'];
  for (let i = 0; i < size; i++) {
    const coords = dims === 1 ? num(x[i]!, `x[${i}]`) : `${num(x[2 * i]!, `x[${2 * i}]`)},${num(x[2 * i + 1]!, `x[${2 * i + 1}]`)}`;
    const v = y[i]!;
    if (problem === 'classification' && !(Number.isInteger(v) && v >= 0 && v < classes)) {
      throw new Error(`toCsv: y[${i}] = ${v} is not a class index in [0, ${classes})`);
    }
    out.push(`${coords},${problem === 'classification' ? String(v) : num(v, `y[${i}]`)}`);
  }
  return `${out.join('\n')}\n`;
}
