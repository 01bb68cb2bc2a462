// Where a wasm module's bytes go (issue 16, must-have 1): the sections, and the code section
// by function, grouped by origin — our core per source file, the kernels, Embind, libc++,
// libc (printf, strtod, math), malloc, compiler-rt — from the function names of the name
// section (a `--profiling-funcs` link) and, with --map, the object file wasm-ld took each
// function from (a `-Wl,--Map=FILE` link map). Sizes are the final (post-Binaryen) function
// bodies; a function Binaryen inlined counts in its callers.
//   node bench/wasm-size.mjs MODULE.wasm [--map FILE.map] [--top 30] [--json]
// scripts/wasm-profile.sh builds both inputs for the SIMD modules in build/wasm-simd.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const args = process.argv.slice(2);
const opt = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const file = args.find((a, i) => !a.startsWith('--') && !['--map', '--top'].includes(args[i - 1]));
if (!file) {
  console.error('usage: node bench/wasm-size.mjs MODULE.wasm [--map FILE.map] [--top N] [--json]');
  process.exit(2);
}
const bytes = readFileSync(file);
const mapFile = opt('--map', null);
const top = Number(opt('--top', 30));

// ---- the binary ---------------------------------------------------------------------------
let pos = 8;
const u32 = () => {
  let result = 0;
  let shift = 0;
  for (;;) {
    const b = bytes[pos++];
    result += (b & 0x7f) * 2 ** shift;
    shift += 7;
    if (!(b & 0x80)) return result;
  }
};
const name = () => {
  const n = u32();
  const s = bytes.subarray(pos, pos + n).toString('utf8');
  pos += n;
  return s;
};
const SECTION = ['custom', 'type', 'import', 'function', 'table', 'memory', 'global', 'export', 'start', 'element', 'code', 'data', 'datacount', 'tag'];
const sections = [];
let importedFunctions = 0;
const bodies = []; // size of each defined function's entry in the code section (size LEB included)
const names = new Map();
let dataSegments = [];
while (pos < bytes.length) {
  const start = pos;
  const id = bytes[pos++];
  const size = u32();
  const body = pos;
  const end = body + size;
  let label = SECTION[id] ?? `id ${id}`;
  if (id === 0) {
    label = `custom "${name()}"`;
    if (label === 'custom "name"') {
      while (pos < end) {
        const sub = bytes[pos++];
        const subSize = u32();
        const subEnd = pos + subSize;
        if (sub === 1) {
          const count = u32();
          for (let i = 0; i < count; i++) {
            const index = u32();
            names.set(index, name());
          }
        }
        pos = subEnd;
      }
    }
  } else if (id === 2) {
    const count = u32();
    for (let i = 0; i < count; i++) {
      name();
      name();
      const kind = bytes[pos++];
      if (kind === 0) {
        u32();
        importedFunctions++;
      } else if (kind === 1) {
        pos++;
        const flags = u32();
        u32();
        if (flags & 1) u32();
      } else if (kind === 2) {
        const flags = u32();
        u32();
        if (flags & 1) u32();
      } else if (kind === 3) {
        pos += 2;
      } else if (kind === 4) {
        pos++;
        u32();
      }
    }
  } else if (id === 10) {
    const count = u32();
    for (let i = 0; i < count; i++) {
      const at = pos;
      const n = u32();
      pos += n;
      bodies.push(pos - at);
    }
  } else if (id === 11) {
    const count = u32();
    for (let i = 0; i < count; i++) {
      const at = pos;
      const flags = u32();
      if (flags === 2) u32();
      if (flags !== 1) {
        // an i32.const offset expression: opcode, SLEB, end
        pos++;
        while (bytes[pos++] & 0x80);
        pos++;
      }
      const n = u32();
      pos += n;
      dataSegments.push({ bytes: pos - at, payload: n });
    }
  }
  sections.push({ section: label, bytes: end - start });
  pos = end;
}

// ---- the link map: function name -> object file ------------------------------------------
// wasm-ld's map lists, under CODE, each input function as "file:(section)" (indented 8) and
// then its symbols (indented 16), demangled.
const origin = new Map();
if (mapFile) {
  const lines = readFileSync(mapFile, 'utf8').split('\n');
  let inCode = false;
  let object = null;
  for (const line of lines) {
    const m = /^\s+\S+\s+[0-9a-f]+\s+[0-9a-f]+( +)(.*)$/.exec(line);
    if (!m) continue;
    const indent = m[1].length - 1;
    const text = m[2];
    if (indent === 0) {
      inCode = text === 'CODE';
      continue;
    }
    if (!inCode) continue;
    if (indent <= 8) object = text.replace(/:\(.*\)$/, '');
    else if (object && !origin.has(text)) origin.set(text, object);
  }
}

// ---- grouping --------------------------------------------------------------------------------
const base = (path) => path.replace(/^.*\//, "");
// Our sources by file name (the map names an archive member by its base name only).
const SOURCES = new Map();
const repo = fileURLToPath(new URL('..', import.meta.url));
for (const sub of ['cpp/src', 'cpp/src/kernels', 'cpp/src/network', 'cpp/src/dataset', 'cpp/bindings']) {
  for (const f of readdirSync(join(repo, sub))) if (f.endsWith('.cpp')) SOURCES.set(`${f}.o`, `${sub.replace(/^cpp\//, '')}/${f}`);
}
const LIBC = [
  ['printf (snprintf, %g/%f formatting)', /^(vfprintf|vsnprintf|snprintf|fprintf|printf|vsprintf|sprintf|fwrite|__towrite|__stdio_write|__stdout_write|fputs|frexpl?|__lockfile|ofl|__overflow|fputc|wcrtomb|wctomb)\.o$/],
  ['strtod (number parsing)', /^(strtod|floatscan|shgetc|intscan|__uflow|__toread|strtol|atof|atoi|scalbnl|copysignl|fmodl|fabsl)\.o$/],
  ['math', /^(__?rem_pio2.*|__sin|__cos|__tan|sin|cos|tan|tanh|exp|expf|exp2|log|logf|log2|log10|pow|powf|sqrt|fmod|scalbn|ldexp|exp_data|log_data|pow_data|__math_.*|__expo2|expm1|log1p|tanhf|expm1f|fabs|floor|ceil|round|copysign|__cos[fl]?|__sin[fl]?|sinf|cosf|__rem_pio2f|atan2?f?|fminf?|fmaxf?)\.o$/],
  ['memory and strings (memcpy, strlen, ...)', /^(memcpy|memmove|memset|memcmp|memchr|strlen|strcmp|strncmp|strchr|strchrnul|strcpy|stpcpy|strncpy|strdup|strstr|emscripten_memcpy)\.o$/],
];
function group(fn) {
  const obj = origin.get(fn) ?? null;
  const archive = obj ? /(?:^|\/)([^/(]+\.a)\(([^)]+)\)$/.exec(obj) : null;
  const lib = archive?.[1] ?? null;
  const member = archive ? archive[2] : obj ? base(obj) : null;
  const std = /(^|[ :(<])std::/.test(fn) && !/^mlp::/.test(fn);
  const embind = /emscripten::|_embind_|__embind_init/.test(fn);
  if (member && SOURCES.has(member) && (!lib || lib === 'libmlp_core.a')) {
    const file = SOURCES.get(member);
    if (embind) {
      if (/Invoker|invoke|MethodCaller|FunctionInvoker|BindingType|WireType|fromWireType|toWireType/.test(fn)) return ['Embind', 'invokers and marshalling (templates in bindings/)'];
      if (/\bval\b|emscripten::val/.test(fn)) return ['Embind', 'emscripten::val (JS objects read by specs)'];
      return ['Embind', 'registrations (EMSCRIPTEN_BINDINGS, class_, value_object)'];
    }
    if (std) {
      const kind = /basic_string|char_traits/.test(fn) ? 'strings' : /vector/.test(fn) ? 'vectors' : /hash|unordered/.test(fn) ? 'hash maps' : /sort|__insertion/.test(fn) ? 'sorting' : 'other';
      return ['libc++ templates instantiated in our code', kind];
    }
    if (file.startsWith('src/kernels/')) return ['kernels (src/kernels)', file.replace('src/kernels/', '')];
    if (file.startsWith('bindings/')) return ['our bindings (adapters, conversions)', file.replace('bindings/', '')];
    return ['our core (src/)', file.replace(/^src\//, '')];
  }
  if (lib) {
    if (/^libembind/.test(lib)) return ['Embind', 'runtime (bind.cpp: std::string/val types)'];
    if (/^libc\+\+abi/.test(lib)) return ['libc++abi (exceptions, typeinfo, new/delete)', member];
    if (/^libunwind/.test(lib)) return ['libc++abi (exceptions, typeinfo, new/delete)', `libunwind ${member}`];
    if (/^libc\+\+/.test(lib)) {
      const kind = /string/.test(member) ? 'strings' : /(exception|stdexcept|typeinfo|new)/.test(member) ? 'exceptions, typeinfo, new' : /hash/.test(member) ? 'hash maps' : member;
      return ['libc++', kind];
    }
    if (/^lib(dl|em)malloc/.test(lib)) return ['malloc', lib];
    if (/^libcompiler_rt/.test(lib)) return ['compiler-rt (long double, 128-bit)', member];
    if (/^libc\.a$|^libc-/.test(lib)) {
      for (const [label, re] of LIBC) if (re.test(member)) return ['libc', label];
      return ['libc', `other (${member})`];
    }
    return [lib, member];
  }
  if (embind) return ['Embind', '(by name)'];
  if (std) return ['libc++', '(by name)'];
  return ['other (linker, unnamed)', obj ?? '(no map entry)'];
}

const functions = bodies.map((size, i) => {
  const fn = names.get(importedFunctions + i) ?? `function ${importedFunctions + i}`;
  const [g, sub] = group(fn);
  return { name: fn, bytes: size, group: g, sub };
});
const groups = new Map();
for (const f of functions) {
  if (!groups.has(f.group)) groups.set(f.group, { bytes: 0, count: 0, subs: new Map() });
  const g = groups.get(f.group);
  g.bytes += f.bytes;
  g.count++;
  const s = g.subs.get(f.sub) ?? { bytes: 0, count: 0 };
  s.bytes += f.bytes;
  s.count++;
  g.subs.set(f.sub, s);
}
const code = functions.reduce((s, f) => s + f.bytes, 0);
const data = dataSegments.reduce((s, d) => s + d.payload, 0);
const shipped = sections.filter((s) => !s.section.startsWith('custom')).reduce((s, x) => s + x.bytes, 0) + 8;
const result = {
  file,
  bytes: bytes.length,
  gzip: gzipSync(bytes, { level: 9 }).length,
  withoutCustomSections: shipped,
  sections,
  functions: functions.length,
  importedFunctions,
  named: names.size,
  mapped: mapFile ? functions.filter((f) => origin.has(f.name)).length : 0,
  code,
  data,
  groups: [...groups].sort((a, b) => b[1].bytes - a[1].bytes).map(([g, v]) => ({
    group: g,
    bytes: v.bytes,
    functions: v.count,
    subs: [...v.subs].sort((a, b) => b[1].bytes - a[1].bytes).map(([s, w]) => ({ sub: s, bytes: w.bytes, functions: w.count })),
  })),
  top: [...functions].sort((a, b) => b.bytes - a.bytes).slice(0, top),
};
if (args.includes('--json')) {
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
} else {
  const kb = (n) => `${(n / 1024).toFixed(1)} KB`.padStart(9);
  console.log(`${file}: ${result.bytes} bytes (${kb(result.gzip).trim()} gzip -9), ${shipped} without custom sections`);
  console.log(`sections: ${sections.map((s) => `${s.section} ${s.bytes}`).join(', ')}`);
  console.log(`code ${code} bytes in ${functions.length} functions (${result.named} named${mapFile ? `, ${result.mapped} found in the map` : ''}); data ${data} bytes in ${dataSegments.length} segments`);
  for (const g of result.groups) {
    console.log(`${kb(g.bytes)} ${String(g.functions).padStart(4)} fn  ${g.group}`);
    for (const s of g.subs) console.log(`  ${kb(s.bytes)} ${String(s.functions).padStart(4)} fn    ${s.sub}`);
  }
  console.log(`largest ${top} functions:`);
  for (const f of result.top) console.log(`${String(f.bytes).padStart(7)}  ${f.name.slice(0, 110)}  [${f.group}: ${f.sub}]`);
}
