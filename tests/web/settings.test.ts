// The settings table (web/src/app/settings.ts) and what derives from it: every setting
// round-trips through the URL hash and through its attribute; a setting's other spelling
// (its attribute name in a hash, its hash key as an attribute) is accepted; unknown names
// are reported; every label key is in the message catalog; and the README's table of
// settings is the table's (UPDATE_README=1 npx vitest run tests/web/settings.test.ts
// rewrites it).
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { attributePatch, isSettingAttribute, OBSERVED_SETTING_ATTRIBUTES, overlay, SETTING_ATTRIBUTES } from '../../web/src/app/attributes.js';
import type { Catalog } from '../../web/src/app/catalog.js';
import { type PlaygroundState, type Setting, SETTING_ROWS, type SettingName } from '../../web/src/app/settings.js';
import { defaultState, HASH_KEYS, parseHash, serializeHash } from '../../web/src/app/state.js';
import { english, isMessageKey, type PlainKey } from '../../web/src/i18n/messages.js';
const msg = (k: PlainKey): string => english.t(k);
import { catalog } from './support/catalog.js';

/** A valid value other than the default, for any row (lists and choices from the catalog). */
function otherValue(field: SettingName, row: Setting<unknown>, c: Catalog): unknown {
  const d = row.default;
  switch (row.kind) {
    case 'flag': return !d;
    case 'integer': return d === row.max ? row.min : row.max;
    case 'number': return row.suggested!.find((v) => v !== d && v >= row.min! && v <= row.max!)!;
    case 'choice': {
      const all = field === 'loss' ? ['bce'] : row.choices!(c).filter((v) => v !== 'custom' && v !== '');
      return all.find((v) => v !== d)!;
    }
    case 'list':
      if (field === 'features') return ['x1', 'x1sq', 'sinx2'];
      if (field === 'hidden') return [7, 7, 5];
      if (field === 'skips') return [2];  // layer 2 is as wide as layer 1
      if (field === 'conv') return [];  // image layers: only on the digits (digitsState below)
      return ['relu', 'gelu', 'sin'];  // activations, one per layer above
    case 'points': return null;  // custom points: the hash only (tests/web/state.test.ts)
    case 'networks': return [{ optimizer: 'adam' }, { activations: ['relu', 'relu', 'relu'], learningRate: 0.1 }, { hidden: [8, 8] }];
  }
}

/** A state with every setting (but the custom points) off its default, consistent with itself. */
/** Image layers need the digits: a digits state with two of them. */
function digitsState(): PlaygroundState {
  return { ...defaultState(), dataset: 'digits', conv: [{ type: 'conv2d', channels: 8, kernel: 5, stride: 2, padding: 'valid', activation: 'tanh' }, { type: 'maxpool', size: 2 }] };
}

function nonDefault(): PlaygroundState {
  const s = defaultState() as Record<SettingName, unknown>;
  for (const r of SETTING_ROWS) if (r.kind !== 'points') s[r.field] = otherValue(r.field, r, catalog);
  s.dataset = 'xor';  // two classes in 2-D: bce is allowed, the x2 features too
  return s as PlaygroundState;
}

describe('the settings table', () => {
  it('gives every setting one hash key and (but custom points) one attribute, all spellings distinct', () => {
    const spellings = SETTING_ROWS.flatMap((r) => [r.hash, ...(r.attribute && r.attribute !== r.hash ? [r.attribute] : [])]);
    expect(new Set(spellings).size).toBe(spellings.length);
    expect(HASH_KEYS).toEqual(SETTING_ROWS.map((r) => r.hash));
    expect(SETTING_ROWS.filter((r) => r.attribute === null).map((r) => r.field)).toEqual(['data']);
    expect(Object.keys(SETTING_ATTRIBUTES)).toEqual(SETTING_ROWS.flatMap((r) => (r.attribute ? [r.attribute] : [])));
    // The element observes each attribute and, where it differs, the hash key.
    for (const r of SETTING_ROWS) {
      if (!r.attribute) continue;
      expect(OBSERVED_SETTING_ATTRIBUTES).toContain(r.attribute);
      expect(OBSERVED_SETTING_ATTRIBUTES).toContain(r.hash);
    }
    expect(isSettingAttribute('config')).toBe(false);
  });

  it('names a label in the message catalog for every setting', () => {
    for (const r of SETTING_ROWS) {
      expect(isMessageKey(r.label), r.field).toBe(true);
      expect(msg(r.label).length, r.field).toBeGreaterThan(0);
    }
  });

  it('has defaults within its own limits and choices', () => {
    for (const r of SETTING_ROWS) {
      const d = r.default as never;
      if (r.kind === 'integer' || r.kind === 'number') {
        expect(d, r.field).toBeGreaterThanOrEqual(r.min!);
        expect(d, r.field).toBeLessThanOrEqual(r.max!);
      }
      if (r.kind === 'choice') expect(r.choices!(catalog), r.field).toContain(d);
      if (r.kind === 'integer' && r.step) expect(((d as number) - r.min!) % r.step, r.field).toBe(0);
    }
  });

  it('round-trips every setting through the hash', () => {
    const s = nonDefault();
    const { state, problems } = parseHash(serializeHash(s), catalog);
    expect(problems).toEqual([]);
    expect(state).toEqual(s);
    const d = defaultState();
    for (const r of SETTING_ROWS) if (r.kind !== 'points' && r.field !== 'conv') expect(state[r.field], r.field).not.toEqual(d[r.field]);
  });

  it.each(SETTING_ROWS.filter((r) => r.attribute).map((r) => [r.field, r] as const))('round-trips %s through its attribute', (field, r) => {
    const s = field === 'conv' ? digitsState() : nonDefault();
    // The rows above it as the config (the activations need their layers, the loss its problem).
    const config = serializeHash({ ...defaultState(), dataset: s.dataset, hidden: s.hidden, activations: s.activations.map(() => 'tanh' as const) });
    const text = r.write(s[field] as never, s)!;
    for (const name of [r.attribute!, r.hash]) {
      const { state, problems } = parseHash(overlay(config, attributePatch([[name, text]]), catalog), catalog);
      expect(problems, name).toEqual([]);
      expect(state[field], name).toEqual(s[field]);
    }
  });

  it('reads an attribute name in a hash as its key, and lets an attribute win over its alias', () => {
    const { state, problems } = parseHash('learning-rate=0.1&batch-size=5&show-test=1&train-percent=70&clip-norm=2', catalog);
    expect(problems).toEqual([]);
    expect(state).toMatchObject({ learningRate: 0.1, batchSize: 5, showTest: true, trainPercent: 70, clipNorm: 2 });
    expect([...attributePatch([['lr', '0.3'], ['learning-rate', '0.1'], ['n', '40']])]).toEqual([['lr', '0.1'], ['n', '40']]);
    expect([...attributePatch([['learning-rate', '0.1'], ['lr', '0.3']])]).toEqual([['lr', '0.1']]);
    // A bare flag attribute means on, by either name.
    expect([...attributePatch([['test', '']])]).toEqual([['test', '1']]);
  });

  it('reports unknown names and keeps the rest', () => {
    const { state, problems } = parseHash('lr=0.1&learningRate=3&hidden=4&bogus', catalog);
    expect(state.learningRate).toBe(0.1);
    expect(state.hidden).toEqual(defaultState().hidden);
    expect(problems).toEqual(['unknown setting "learningRate" ignored', 'unknown setting "hidden" ignored', 'unknown setting "bogus" ignored']);
    expect([...attributePatch([['learningRate', '3'], ['hidden', '']])]).toEqual([]);
  });
});

// ---- the README's table -------------------------------------------------------------------

const BEGIN = '<!-- settings table: generated from web/src/app/settings.ts, checked by tests/web/settings.test.ts -->';
const END = '<!-- end of the settings table -->';

function allowed(r: Setting<unknown>): string {
  const code = (xs: readonly (string | number)[]): string => xs.map((x) => `\`${x}\``).join(' ');
  const range = `${r.openLow ? '(' : '['}${r.min}, ${r.max}]`;
  switch (r.kind) {
    case 'flag': return '`0` or `1` (a bare attribute: on)';
    case 'integer': return `integer in ${range}`;
    case 'number': return `number in ${range}${r.suggested ? ` (the control offers ${code(r.suggested)})` : ''}`;
    case 'choice': return r.allowed ?? code(r.choices!(catalog));
    case 'list': {
      const items = r.choices ? code(r.choices(catalog)) : r.min !== undefined ? `integers in [${r.min}, ${r.max}]` : 'layers';
      return `comma list of ${items}${r.maxItems ? `, at most ${r.maxItems}` : ''}${r.allowed ? `: ${r.allowed}` : ''}`;
    }
    case 'points': return r.allowed!;
    case 'networks': return r.allowed!;
  }
}

function readmeTable(): string {
  const rows = SETTING_ROWS.map((r) => {
    const def = r.defaultText ?? `\`${r.write(r.default as never, defaultState()) ?? ''}\``;
    return `| ${msg(r.label)} | \`${r.hash}\` | ${r.attribute ? `\`${r.attribute}\`` : '–'} | ${allowed(r)} | ${def} |`;
  });
  return [BEGIN, '| setting | hash key | attribute | values | default |', '|---|---|---|---|---|', ...rows, END].join('\n');
}

describe('the README', () => {
  it("lists every setting as the table declares it", () => {
    const path = new URL('../../README.md', import.meta.url);
    const readme = readFileSync(path, 'utf8');
    const a = readme.indexOf(BEGIN), b = readme.indexOf(END);
    expect(a, 'the README has the settings table markers').toBeGreaterThanOrEqual(0);
    expect(b).toBeGreaterThan(a);
    const current = readme.slice(a, b + END.length);
    const wanted = readmeTable();
    if (process.env.UPDATE_README === '1' && current !== wanted) writeFileSync(path, readme.slice(0, a) + wanted + readme.slice(b + END.length));
    else expect(current, 'README.md is out of date: UPDATE_README=1 npx vitest run tests/web/settings.test.ts').toBe(wanted);
  });
});
