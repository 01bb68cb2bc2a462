// The UI's two languages: the catalogs have the same keys and kinds of message, every key
// is used somewhere in web/src, the element's templates hold no English of their own,
// numbers are formatted for the locale (also when navigator.language is unusable), the
// language is chosen as documented, the keyboard shortcuts, and failures in words.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { failureNotice, fieldOf, problemOf } from '../../web/src/app/failure.js';
import { parseHash } from '../../web/src/app/state.js';
import { shortcutOf } from '../../web/src/app/keys.js';
import { en as enFirst, type Catalog } from '../../web/src/i18n/en.js';
import { enChallenges } from '../../web/src/i18n/en-challenges.js';
import { enDigits } from '../../web/src/i18n/en-digits.js';
import { enTeaching } from '../../web/src/i18n/en-teaching.js';
import { initialLang, langOfTag, linkLang } from '../../web/src/i18n/lang.js';
import { english, loadLang, localeFor, makeMessages, usableLocale } from '../../web/src/i18n/messages.js';
import { zh } from '../../web/src/i18n/zh.js';
import { catalog, core } from './support/catalog.js';

// The whole English catalog: en.ts and its parts that are chunks loaded when needed.
const en: Catalog = { ...enFirst, ...enDigits, ...enChallenges, ...enTeaching };

const SRC = fileURLToPath(new URL('../../web/src', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return sources(p);
    return /\.ts$/.test(f) && !f.endsWith('.d.ts') ? [p] : [];
  });
}

const CJK = /[\u3400-\u9fff]/;

describe('the message catalogs', () => {
  it('have the same keys, and a function where the other has one', () => {
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    for (const k of Object.keys(en) as (keyof typeof en)[]) expect(typeof zh[k], k).toBe(typeof en[k]);
  });

  it('Chinese is Chinese wherever the English has words (names and notation stay as they are)', () => {
    const same = (Object.keys(en) as (keyof typeof en)[]).filter((k) => typeof en[k] === 'string' && en[k] === zh[k]);
    // What stays the same in both: technical names, notation, the product's name.
    const allowed = /^(?:activation|optimizer|regularization|init|dataset)\.|^(?:feature-spoken\.x[12]|lang\.|output\.(?:png|onnx)$|header\.title$|learn\.site$)/;
    expect(same.filter((k) => !allowed.test(k))).toEqual([]);
    const english = (Object.keys(zh) as (keyof typeof zh)[]).filter((k) => {
      const v = zh[k];
      const text = typeof v === 'string' ? v : (v as (p: unknown) => string)(new Proxy({}, { get: () => '1' }));
      return /[A-Za-z]{4,}/.test(text.replace(/PyTorch|WebAssembly|Worker|Runtime|softmax|sigmoid|softplus|swish|Leaky|Xavier|TensorFlow|custom|dataset|features|data|label|value|torch\.nn\.utils\.clip_grad_norm_|mlp-playground|English|Adam|ONNX|JSON|CSV|GELU|ReLU|tanh|NaN/g, '')) && !CJK.test(text);
    });
    expect(english).toEqual([]);
  });

  it('every key is used in web/src (literally, or by its group through m.name / a template)', () => {
    const code = sources(SRC).filter((f) => !['i18n/en.ts', 'i18n/en-digits.ts', 'i18n/en-challenges.ts', 'i18n/en-teaching.ts', 'i18n/zh.ts', 'i18n/zh-digits.ts'].includes(relative(SRC, f))).map((f) => readFileSync(f, 'utf8')).join('\n');
    const literal = new Set([...code.matchAll(/'([a-z][\w-]*\.[\w.-]+)'/g)].map((m) => m[1]!));
    const groups = new Set([
      ...[...code.matchAll(/\.name\('([\w-]+)'/g)].map((m) => m[1]!),
      ...[...code.matchAll(/`([a-z][\w-]*)\.\$\{/g)].map((m) => m[1]!),
      ...[...code.matchAll(/choiceOptions\(.*?, '([\w-]+)'\)/g)].map((m) => m[1]!),
    ]);
    const unused = Object.keys(en).filter((k) => !literal.has(k) && !groups.has(k.slice(0, k.indexOf('.'))));
    expect(unused).toEqual([]);
  });

  it('the element templates hold no user-visible English of their own', () => {
    const files = sources(join(SRC, 'app')).filter((f) => /^app\/(panels|insight)\/|playground\.ts$/.test(relative(SRC, f)));
    const found: string[] = [];
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      // Only the html`` templates: drop the css`` blocks, comments and ${...} expressions.
      const body = text.replace(/css`[\s\S]*?`;/g, '').replace(/^\s*\/\/.*$/gm, '').replace(/\/\*\*[\s\S]*?\*\//g, '');
      for (const [i, line] of body.split('\n').entries()) {
        const bare = line.replace(/\$\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\}/g, '');
        // Text between tags (not TypeScript between a generic's brackets or an arrow's >).
        const texts = [...bare.matchAll(/(?<!=)>([^<>{}]*)</g)].map((m) => m[1]!.trim()).filter((t) => /[A-Za-z]{2,}/.test(t) && !/[`()=;!&|]/.test(t));
        const attrs = [...bare.matchAll(/\b(?:aria-label|title|placeholder|alt)="([^"]*)"/g)].map((m) => m[1]!).filter((t) => /[A-Za-z]{2,}/.test(t));
        for (const t of [...texts, ...attrs]) found.push(`${relative(SRC, f)}:${i + 1}: ${t}`);
      }
    }
    expect(found).toEqual([]);
  });
});

describe('numbers for the locale', () => {
  it('English and Chinese', async () => {
    const zhm = await loadLang('zh');
    const enm = makeMessages('en', en, 'en-US');
    expect(enm.int(12345)).toBe('12,345');
    expect(zhm.int(12345)).toBe('12,345');
    expect(enm.percent(0.953)).toBe('95.3%');
    expect(zhm.percent(0.953)).toBe('95.3%');
    expect(enm.compact(15_000_000)).toBe('15M');
    expect(zhm.compact(15_000_000)).toBe('1500万');
    expect(enm.compact(1234)).toBe('1,234');
    expect(enm.fixed(-0.5, 3)).toBe('-0.500');
    expect(enm.percent(Number.NaN)).toBe('–');
    expect(makeMessages('en', en, 'de-DE').int(12345)).toBe('12.345');
  });

  it('survive a missing or invalid navigator.language (a C locale says "C")', () => {
    for (const bad of ['C', '', undefined, null, 42, 'not a locale!']) {
      expect(usableLocale(bad)).toBeUndefined();
      expect(localeFor('en', bad)).toBe('en-US');
      expect(localeFor('zh', bad)).toBe('zh-CN');
      expect(() => makeMessages('en', en, localeFor('en', bad)).int(1)).not.toThrow();
    }
    expect(localeFor('en', 'en-GB')).toBe('en-GB');
    expect(localeFor('en', 'zh-TW')).toBe('en-US');
  });

  it('messages take their arguments; a key English has and another lacks falls back', () => {
    expect(english.t('network.neurons', { n: 1 })).toBe('1 neuron');
    expect(english.t('network.neurons', { n: 3 })).toBe('3 neurons');
    expect(english.name('dataset', 'spiral')).toBe('Spiral');
    expect(english.name('dataset', 'a-new-one')).toBe('a-new-one');
  });
});

describe('the language setting', () => {
  it('a link wins (?lang= or lang= in the hash), then the browser; anything unusable is English', () => {
    expect(linkLang('?lang=zh')).toBe('zh');
    expect(linkLang('', '#dataset=xor&lang=zh')).toBe('zh');
    expect(linkLang('?lang=fr', '#lang=en')).toBe('en');
    expect(linkLang('', '#dataset=xor')).toBeNull();
    expect(initialLang('', 'zh-Hans-CN', '#lang=en')).toBe('en');
    expect(initialLang('', 'zh-TW')).toBe('zh');
    for (const bad of ['C', '', undefined, 7]) expect(initialLang('', bad)).toBe('en');
    expect(langOfTag('zh_CN')).toBe('zh');
    expect(langOfTag('en-GB')).toBe('en');
    expect(langOfTag(' ')).toBeNull();
  });
});

describe('keyboard shortcuts', () => {
  const key = (k: string, mods: Partial<KeyboardEvent> = {}) => ({ key: k, ctrlKey: false, metaKey: false, altKey: false, ...mods });
  const canvas = { tagName: 'CANVAS' };
  it('Space, →, R and ? on the canvas', () => {
    expect(shortcutOf(key(' '), canvas)).toBe('play-pause');
    expect(shortcutOf(key('ArrowRight'), canvas)).toBe('step');
    expect(shortcutOf(key('r'), canvas)).toBe('reset');
    expect(shortcutOf(key('R'), canvas)).toBe('reset');
    expect(shortcutOf(key('?'), canvas)).toBe('help');
    expect(shortcutOf(key('Escape'), null)).toBe('close');
  });

  it('are ignored while typing, with a modifier, and Space is left to a focused button', () => {
    for (const tagName of ['INPUT', 'SELECT', 'TEXTAREA']) {
      for (const k of [' ', 'ArrowRight', 'r', '?']) expect(shortcutOf(key(k), { tagName, type: 'text' }), `${tagName} ${k}`).toBeNull();
    }
    expect(shortcutOf(key('r'), { tagName: 'DIV', isContentEditable: true })).toBeNull();
    expect(shortcutOf(key('r', { ctrlKey: true }), canvas)).toBeNull();
    expect(shortcutOf(key(' '), { tagName: 'BUTTON' })).toBeNull();
    expect(shortcutOf(key('ArrowRight'), { tagName: 'BUTTON' })).toBe('step');
    expect(shortcutOf(key('r'), { tagName: 'INPUT', type: 'checkbox' })).toBe('reset');
  });
});

describe('failures in words', () => {
  it('name the field, say the problem in the language, keep the English detail', async () => {
    const zhm = await loadLang('zh');
    const e = Object.assign(new Error('layers[1].units: must be a number, got "x"'), {});
    expect(fieldOf(e)).toBe('layers[1].units');
    expect(fieldOf({ field: 'lr', message: 'whatever' })).toBe('lr');
    expect(fieldOf(new Error('internal error'))).toBe('');
    expect(problemOf('must be a number, got "x"')).toBe('error.notNumber');
    expect(problemOf('out of memory allocating')).toBe('error.tooLarge');
    const n = failureNotice('build', 'notice.buildFailed', e);
    expect(n.text(english)).toBe('Could not build the network. layers[1].units: must be a number.');
    expect(n.text(zhm)).toBe('无法构建网络。layers[1].units：必须是一个数。');
    expect(n.technical).toBe('layers[1].units: must be a number, got "x"');
    expect(failureNotice('x', 'notice.tickFailed', 'boom').text(zhm)).toBe('训练因出错而停止。核心拒绝了这个请求。');
  });

  it("the real core's errors: the field survives the worker boundary (only the message crosses)", async () => {
    const zhm = await loadLang('zh');
    const caught = (f: () => unknown): unknown => {
      try {
        f();
      } catch (e) {
        return e;
      }
      throw new Error('no error');
    };
    const own = caught(() => core.createNetwork({ inputs: 2, layers: [{ units: 1, activation: 'tanh' }], optimizer: { type: 'adam', learningRate: -1 } }));
    expect((own as { field: string }).field).toBe('optimizer.learningRate');
    const crossed = new Error((own as Error).message);  // what Comlink rebuilds in the element
    expect(fieldOf(crossed)).toBe('optimizer.learningRate');
    const n = failureNotice('build', 'notice.buildFailed', crossed);
    expect(n.text(zhm)).toMatch(/^无法构建网络。optimizer\.learningRate：/);
    expect(n.technical).toBe((own as Error).message);
  });
});

describe("a link's settings that fell back, in words", () => {
  it("each problem in English (the detail) and in the reader's language", async () => {
    const zhm = await loadLang('zh');
    const { problems, said } = parseHash('layers=4,99&act=relu&optimizer=rmsprop&bogus=1&noise=abc', catalog);
    expect(said).toHaveLength(problems.length);
    expect(problems.length).toBe(4);
    expect(said.map((f) => f(zhm))).toEqual([
      '未知的设置 "bogus"，已忽略',
      'noise："abc" 无效（必须是 [0, 50] 内的整数），已改用 0',
      'layers："4,99" 无效（必须是 [1, 32] 内的整数），已改用 4,2',
      'opt："rmsprop" 无效（必须是以下之一：sgd, momentum, adam），已改用 sgd',
    ]);
    // The English words are the English problems: one text, two languages.
    expect(said.map((f) => f(english))).toEqual(problems);
  });
});
