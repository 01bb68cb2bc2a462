// The playground's CSV import/export (web/src/app/io/csv.ts) and the float32 formatter it
// shares with the PyTorch exporter: accepted layouts, every error message with its line,
// and exact round trips.
import { describe, expect, it } from 'vitest';
import type { Dataset } from '../../web/src/core/types.js';
import { CsvError, MAX_CSV_POINTS, parseCsv, toCsv } from '../../web/src/app/io/csv.js';
import { formatFloat32 } from '../../web/src/app/io/float32.js';
import { rng } from './support/rng.js';

function csvError(text: string): CsvError {
  try {
    parseCsv(text);
  } catch (e) {
    expect(e).toBeInstanceOf(CsvError);
    expect(e).toBeInstanceOf(Error);
    return e as CsvError;
  }
  throw new Error(`parseCsv accepted ${JSON.stringify(text.slice(0, 80))}`);
}

function rows(n: number, f: (i: number) => string): string {
  return Array.from({ length: n }, (_, i) => f(i)).join('\n');
}

/** A random finite float32 from random bits: every exponent, subnormals, both zeros. */
function randomFloat32(r: () => number): number {
  const bits = new Uint32Array(1);
  const f = new Float32Array(bits.buffer);
  do bits[0] = Math.floor(r() * 2 ** 32);
  while (!Number.isFinite(f[0]!));
  return f[0]!;
}

describe('formatFloat32', () => {
  it('prints the shortest decimal that reads back as the same float32', () => {
    expect(formatFloat32(0.1)).toBe('0.1');
    expect(formatFloat32(Math.fround(0.1))).toBe('0.1');
    expect(formatFloat32(1 / 3)).toBe('0.33333334');
    expect(formatFloat32(16777217)).toBe('16777216');
    expect(formatFloat32(-2.5)).toBe('-2.5');
    expect(formatFloat32(1e-7)).toBe('1e-7');
    expect(formatFloat32(1.401298464324817e-45)).toBe('1e-45');
    expect(formatFloat32(3.4028234663852886e38)).toBe('3.4028235e+38');
    expect(formatFloat32(0)).toBe('0');
    expect(formatFloat32(-0)).toBe('-0');
  });

  it('round-trips 20000 random float32 bit patterns, never with more than 9 digits', () => {
    const r = rng(7);
    for (let i = 0; i < 20000; i++) {
      const v = randomFloat32(r);
      const s = formatFloat32(v);
      expect(Object.is(Math.fround(Number(s)), v), `${v} -> ${s}`).toBe(true);
      const digits = s.replace(/^-|e.*$|\./g, '').replace(/^0+|0+$/g, '');
      expect(digits.length, s).toBeLessThanOrEqual(9);
    }
  });

  it('refuses non-finite values', () => {
    expect(() => formatFloat32(NaN)).toThrow(RangeError);
    expect(() => formatFloat32(Infinity)).toThrow(RangeError);
    expect(() => formatFloat32(1e39)).toThrow(RangeError); // Infinity as a float32
  });
});

describe('parseCsv: layouts', () => {
  it('reads 2-D classification with a header, labels 0..K-1', () => {
    const d = parseCsv('x1,x2,label\n0.5,-1.25,0\n2,3,2\n-4,5.5,1\n1e-3,.5,2\n');
    expect(d.problem).toBe('classification');
    expect(d.dims).toBe(2);
    expect(d.classes).toBe(3);
    expect(d.size).toBe(4);
    expect(d.x).toBeInstanceOf(Float32Array);
    expect(d.y).toBeInstanceOf(Float32Array);
    expect(Array.from(d.x)).toEqual([0.5, -1.25, 2, 3, -4, 5.5, Math.fround(1e-3), 0.5]);
    expect(Array.from(d.y)).toEqual([0, 2, 1, 2]);
  });

  it('maps the TensorFlow Playground labels -1/+1 to classes 0/1', () => {
    const d = parseCsv('1,2,-1\n3,4,1\n5,6,+1\n7,8,-1.0');
    expect(d.problem).toBe('classification');
    expect(d.classes).toBe(2);
    expect(Array.from(d.y)).toEqual([0, 1, 1, 0]);
  });

  it('without a header: an all-integer third column is classification, otherwise regression', () => {
    const c = parseCsv('0,0,0\n1,1,1\n2,2,1.0');
    expect([c.problem, c.classes, Array.from(c.y)]).toEqual(['classification', 2, [0, 1, 1]]);
    const r = parseCsv('0,0,0\n1,1,1\n2,2,0.5');
    expect([r.problem, r.classes, r.dims]).toEqual(['regression', 0, 2]);
    expect(Array.from(r.y)).toEqual([0, 1, 0.5]);
  });

  it('a header naming the third column y / value / target (any case) makes regression', () => {
    for (const name of ['y', 'value', 'target', 'Value', 'TARGET', '"value"']) {
      const d = parseCsv(`x1,x2,${name}\n0,0,0\n1,1,3\n2,2,7\n`);
      expect([d.problem, d.classes, d.dims], name).toEqual(['regression', 0, 2]);
      expect(Array.from(d.y)).toEqual([0, 3, 7]);
    }
  });

  it('a header naming the third column label / class makes classification; other names infer', () => {
    expect(parseCsv('a,b,class\n0,0,0\n1,1,1').problem).toBe('classification');
    expect(parseCsv('a,b,z\n0,0,0\n1,1,1').problem).toBe('classification');
    expect(parseCsv('a,b,z\n0,0,0\n1,1,0.25').problem).toBe('regression');
  });

  it('reads two columns as 1-D regression y = f(x), with or without a header', () => {
    for (const text of ['x,y\n-3.1,0.5\n0,1\n2,-0.75', '-3.1,0.5\n0,1\n2,-0.75']) {
      const d = parseCsv(text);
      expect([d.problem, d.dims, d.classes, d.size]).toEqual(['regression', 1, 0, 3]);
      expect(Array.from(d.x)).toEqual([Math.fround(-3.1), 0, 2]);
      expect(Array.from(d.y)).toEqual([0.5, 1, -0.75]);
    }
  });

  it('accepts semicolons or tabs, spaces, blank and # lines, CRLF / CR line ends and a BOM', () => {
    const want = { x: [1.5, 2, -3, 4], y: [1, 0] };
    const texts = [
      'x1;x2;label\r\n1.5;2;1\r\n-3;4;0\r\n',
      'x1\tx2\tlabel\n1.5\t2\t1\n-3\t4\t0',
      '\uFEFFx1,x2,label\n1.5,2,1\n-3,4,0',
      '\uFEFF1.5,2,1\r-3,4,0\r',
      '# drawn in the playground\n\n  x1 , x2 , label  \n\n 1.5 ,2, 1\n   # a comment\n\t\n-3,  4 ,0\n\n',
      '"x1","x2","label"\n"1.5","2","1"\n-3,4,0',
    ];
    for (const text of texts) {
      const d = parseCsv(text);
      expect({ x: Array.from(d.x), y: Array.from(d.y) }, JSON.stringify(text)).toEqual(want);
      expect(d.classes).toBe(2);
    }
  });

  it('takes exactly 5000 points', () => {
    const d = parseCsv(`x,y\n${rows(MAX_CSV_POINTS, (i) => `${i},${i % 7}`)}`);
    expect(d.size).toBe(5000);
    expect(d.x[4999]).toBe(4999);
    expect(MAX_CSV_POINTS).toBe(5000);
  });
});

describe('parseCsv: errors name the first bad line', () => {
  const cases: [string, string, number | null][] = [
    ['x1,x2,label\n1,2,0\n3,4,1\n5,6,1\n7,8,0\n# c\n9,10\n', 'line 7: expected 3 values (x1,x2,label), got 2', 7],
    ['1,2,0\n3,4,1,5', 'line 2: expected 3 values (x1,x2,label), got 4', 2],
    ['x,y\n1,2\n3', 'line 3: expected 2 values (x,y), got 1', 3],
    ['1,2,0\n3,4,1\n5,abc,1', 'line 3: "abc" is not a number', 3],
    ['1,2,0\n3,4,1\n0x10,4,1', 'line 3: "0x10" is not a number', 3],
    [`x,y\n${rows(10, (i) => `${i},1`)}\n1e400,2`, 'line 12: value 1e400 is not finite', 12],
    ['1,2\nNaN,2', 'line 2: value NaN is not finite', 2],
    ['1,2\n1,-Infinity', 'line 2: value -Infinity is not finite', 2],
    ['1,2\n1,1e39', 'line 2: value 1e39 is too large (float32 holds up to ±3.4e38)', 2],
    ['1,2,0\n1,,1', 'line 2: column 2 is empty', 2],
    ['x1;x2;value\n1,5;2;3', 'line 2: "1,5" is not a number (use "." as the decimal point)', 2],
    ['1;2;0\n3,4,1', 'line 2: expected 3 values (x1,x2,label), got 1 (the separator is ";", as on line 1)', 2],
    ['x1,x2,label\n1,2,0\n3,4,1\n5,6,2.5', 'label 2.5 on line 4 is not an integer', 4],
    ['1,2,0\n3,4,7\n5,6,1', 'label 7 on line 2 is out of range: at most 6 classes (labels 0..5); to load the third column as regression values, add a header line x1,x2,value', 2],
    ['x1,x2,label\n1,2,0\n3,4,6', 'label 6 on line 3 is out of range: at most 6 classes (labels 0..5)', 3],
    ['x1,x2,label\n1,2,-2\n3,4,1', 'label -2 on line 2 is not a class (labels are 0..5, or -1 and +1)', 2],
    ['1,2,0\n3,4,1\n5,6,-1', 'label -1 on line 3 mixes -1/+1 labels with class indices (label 0 on line 1)', 3],
    ['1,2,-1\n3,4,1\n5,6,2', 'label 2 on line 3 mixes class indices with -1/+1 labels (label -1 on line 1)', 3],
    ['1,2,3,4\n', 'line 1: expected 2 or 3 columns (x,y or x1,x2,label), got 4', 1],
    ['justone\n1', 'line 1: expected 2 or 3 columns (x,y or x1,x2,label), got 1', 1],
    ['', 'no data rows', null],
    ['\uFEFF\n# nothing\n\n', 'no data rows', null],
    ['x1,x2,label\n', 'no data rows', null],
    ['1,2,0\n3,4,2\n5,6,2', '3 classes found but class 1 has no points; to load the third column as regression values, add a header line x1,x2,value', null],
    ['x1,x2,label\n1,2,0\n3,4,2\n5,6,2', '3 classes found but class 1 has no points', null],
    ['x1,x2,label\n1,2,1\n3,4,1', '2 classes found but class 0 has no points', null],
    ['x1,x2,label\n1,2,0\n3,4,0', 'only one class found (every label is 0); classification needs at least 2', null],
    ['1,2,-1\n3,4,-1', 'only one class found (every label is -1); classification needs at least 2', null],
  ];
  it.each(cases)('%j', (text, message, line) => {
    const e = csvError(text);
    expect(e.message).toBe(message);
    expect(e.line).toBe(line);
    expect(e.name).toBe('CsvError');
    // reason is the message without its location
    expect(e.message.startsWith('line ') ? e.message.replace(/^line \d+: /, '') : e.message.replace(/ on line \d+/, '')).toBe(e.reason);
  });

  it('reports too many points on the 5001st data row', () => {
    const e = csvError(`x1,x2,label\n${rows(MAX_CSV_POINTS + 10, (i) => `${i},0,${i % 2}`)}`);
    expect(e.message).toBe('too many points (max 5000)');
    expect(e.line).toBe(5002);
  });

  it('reports the first bad line when several are bad', () => {
    expect(csvError('1,2,0\n1,x,0\n1,2\n').line).toBe(2);
    expect(csvError('x1,x2,label\n1,2,0.5\n1,x,0\n').message).toBe('label 0.5 on line 2 is not an integer');
  });

  it('shortens huge fields in messages', () => {
    const e = csvError(`1,2\n${'a'.repeat(100000)},1`);
    expect(e.message).toBe(`line 2: "${'a'.repeat(37)}..." is not a number`);
  });
});

describe('toCsv', () => {
  it('writes a header and rows with the fewest digits', () => {
    const d: Dataset = {
      problem: 'classification',
      dims: 2,
      classes: 3,
      size: 3,
      x: new Float32Array([0.1, -2, 1 / 3, 5.5, -0, 1e-7]),
      y: new Float32Array([2, 0, 1]),
    };
    expect(toCsv(d)).toBe('x1,x2,label\n0.1,-2,2\n0.33333334,5.5,0\n-0,1e-7,1\n');
    expect(toCsv({ problem: 'regression', dims: 2, classes: 0, size: 1, x: new Float32Array([1, 2]), y: new Float32Array([0.25]) })).toBe(
      'x1,x2,value\n1,2,0.25\n',
    );
    expect(toCsv({ problem: 'regression', dims: 1, classes: 0, size: 2, x: new Float32Array([-3, 3]), y: new Float32Array([1, -1]) })).toBe(
      'x,y\n-3,1\n3,-1\n',
    );
  });

  it('round-trips exactly: random float32 coordinates and values of every magnitude', () => {
    const r = rng(11);
    for (const [problem, dims, classes] of [
      ['classification', 2, 2],
      ['classification', 2, 6],
      ['regression', 2, 0],
      ['regression', 1, 0],
    ] as const) {
      const size = 300;
      const x = new Float32Array(size * dims).map(() => randomFloat32(r));
      const y = new Float32Array(size).map((_, i) => (problem === 'classification' ? i % classes : randomFloat32(r)));
      const d: Dataset = { problem, dims, classes, size, x, y };
      const back = parseCsv(toCsv(d));
      expect([back.problem, back.dims, back.classes, back.size]).toEqual([problem, dims, classes, size]);
      for (let i = 0; i < x.length; i++) expect(Object.is(back.x[i], x[i]), `x[${i}] = ${x[i]}`).toBe(true);
      for (let i = 0; i < size; i++) expect(Object.is(back.y[i], y[i]), `y[${i}] = ${y[i]}`).toBe(true);
    }
  });

  it('keeps integer-valued regression as regression, and -1/+1 files come back as 0/1', () => {
    const reg: Dataset = { problem: 'regression', dims: 2, classes: 0, size: 2, x: new Float32Array([0, 0, 1, 1]), y: new Float32Array([0, 1]) };
    expect(parseCsv(toCsv(reg)).problem).toBe('regression');
    expect(toCsv(parseCsv('1,2,-1\n3,4,1'))).toBe('x1,x2,label\n1,2,0\n3,4,1\n');
  });

  it('refuses data it cannot write faithfully', () => {
    const base = { problem: 'regression' as const, dims: 2 as const, classes: 0, size: 1, x: new Float32Array([1, 2]), y: new Float32Array([3]) };
    expect(() => toCsv({ ...base, y: new Float32Array([NaN]) })).toThrow('toCsv: y[0] is NaN, not a finite number');
    expect(() => toCsv({ ...base, x: new Float32Array([1, Infinity]) })).toThrow('toCsv: x[1] is Infinity, not a finite number');
    expect(() => toCsv({ ...base, size: 2 })).toThrow('toCsv: sizes disagree');
    expect(() => toCsv({ ...base, problem: 'classification', classes: 2, y: new Float32Array([2]) })).toThrow(
      'toCsv: y[0] = 2 is not a class index in [0, 2)',
    );
    expect(() => toCsv({ ...base, problem: 'classification', classes: 2, dims: 1, x: new Float32Array([1]), y: new Float32Array([1]) })).toThrow(
      '1-D classification',
    );
  });
});
