import { chromium } from 'playwright-core';
const [,, url, width] = process.argv;
const b = await chromium.launch({ executablePath: '/usr/bin/chromium' });
const p = await b.newPage({ viewport: { width: Number(width), height: 800 } });
await p.goto(url);
await p.waitForFunction(() => [...document.querySelectorAll('mlp-playground')].every((e) => e.snapshot), null, { timeout: 120000 });
await p.waitForTimeout(3000);
console.log(await p.evaluate(() => {
  const out = [];
  for (const e of document.querySelectorAll('*')) {
    const r = e.getBoundingClientRect();
    if (r.right > innerWidth + 0.5) out.push(`${e.tagName}.${e.className} ${Math.round(r.right)} w${Math.round(r.width)}`);
  }
  return [document.documentElement.scrollWidth, ...out.slice(0, 25)].join('\n');
}));
await b.close();
