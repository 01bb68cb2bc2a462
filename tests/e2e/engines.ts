// The other two browser engines, behind one small interface for the smoke tests of
// engines.test.ts: Debian's firefox-esr through puppeteer-core (WebDriver BiDi), and
// WebKitGTK's MiniBrowser through its WebKitWebDriver under xvfb-run (selenium-webdriver).
// Never a downloaded browser. WebKit runs under the C locale on purpose (LANG=C.UTF-8,
// navigator.language "C"): the page must survive a language tag Intl refuses.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import puppeteer from 'puppeteer-core';
import { Builder, type WebDriver } from 'selenium-webdriver';

/** A page of one engine: navigate, run a self-contained function in it, collect problems. */
export interface EnginePage {
  goto(url: string): Promise<void>;
  /** Runs fn in the page (it may not close over anything; args and result go as JSON). */
  run<A extends unknown[], R>(fn: (...args: A) => R | Promise<R>, ...args: A): Promise<R>;
  /** Uncaught errors, rejections and CSP violations seen by the page (and console errors where the engine reports them). */
  problems(): Promise<string[]>;
}

export interface Engine {
  name: string;
  newPage(): Promise<EnginePage>;
  close(): Promise<void>;
}

/**
 * Installed in every page after it loads: records what went wrong from then on, and the
 * CSP violations reported before (a buffered ReportingObserver, where the engine has one).
 */
function watch(): void {
  const w = window as unknown as { __problems?: string[] };
  if (w.__problems) return;
  const problems: string[] = (w.__problems = []);
  addEventListener('error', (e) => problems.push(`error: ${e.message}`));
  addEventListener('unhandledrejection', (e) => problems.push(`unhandled rejection: ${String(e.reason)}`));
  document.addEventListener('securitypolicyviolation', (e) => problems.push(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'}`));
  const Observer = (window as unknown as { ReportingObserver?: new (cb: (reports: { type: string; body: unknown }[]) => void, o: object) => { observe(): void } }).ReportingObserver;
  if (Observer) {
    new Observer((reports) => {
      for (const r of reports) problems.push(`CSP violation (reported): ${JSON.stringify(r.body)}`);
    }, { types: ['csp-violation'], buffered: true }).observe();
  }
}

function pageProblems(): string[] {
  return (window as unknown as { __problems?: string[] }).__problems ?? ['the page watcher is missing'];
}

// ---- Firefox -------------------------------------------------------------------------------

export async function firefox(): Promise<Engine> {
  const browser = await puppeteer.launch({ browser: 'firefox', executablePath: '/usr/bin/firefox-esr', headless: true });
  return {
    name: `Firefox ${(await browser.version()).replace(/^firefox\//, '')}`,
    async newPage() {
      const page = await browser.newPage();
      const console: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warn') console.push(`console.${m.type()}: ${m.text()}`);
      });
      page.on('pageerror', (e) => console.push(`page error: ${(e as Error).message}`));
      return {
        async goto(url) {
          await page.goto(url);
          await page.evaluate(watch);
        },
        run: (fn, ...args) => page.evaluate(fn as never, ...(args as unknown as never[])) as never,
        async problems() {
          return [...console, ...(await page.evaluate(pageProblems))];
        },
      };
    },
    close: () => browser.close(),
  };
}

// ---- WebKit --------------------------------------------------------------------------------

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const s = createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => done(port));
    });
  });
}

/** MiniBrowser of the installed WebKitGTK (libwebkit2gtk-4.1-0 puts it under /usr/lib/<triplet>/). */
function miniBrowser(): string {
  for (const triplet of readdirSync('/usr/lib')) {
    for (const api of ['webkit2gtk-4.1', 'webkitgtk-6.0', 'webkit2gtk-4.0']) {
      const path = `/usr/lib/${triplet}/${api}/MiniBrowser`;
      if (existsSync(path)) return path;
    }
  }
  throw new Error('MiniBrowser not found: apt-get install webkit2gtk-driver');
}

export async function webkit(): Promise<Engine> {
  const port = await freePort();
  // Its own process group (detached), so that close() ends the driver, its browsers and Xvfb together.
  const env: NodeJS.ProcessEnv = { ...process.env, LANG: 'C.UTF-8' };
  delete env.LC_ALL;
  delete env.LANGUAGE;
  const driverProcess: ChildProcess = spawn('xvfb-run', ['-a', '/usr/bin/WebKitWebDriver', `--port=${port}`], { detached: true, stdio: 'ignore', env });
  const stop = (): void => {
    try {
      process.kill(-driverProcess.pid!, 'SIGTERM');
    } catch {
      // already gone
    }
  };
  const capabilities = { browserName: 'MiniBrowser', 'webkitgtk:browserOptions': { binary: miniBrowser(), args: ['--automation'] } };
  let driver: WebDriver | null = null;
  // The driver listens once Xvfb is up: retry the session until then (a condition, bounded).
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      driver = await new Builder().usingServer(`http://127.0.0.1:${port}`).withCapabilities(capabilities).build();
      break;
    } catch (e) {
      if (Date.now() > deadline) {
        stop();
        throw new Error(`WebKitWebDriver did not start a session: ${(e as Error).message}`);
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  const d = driver;
  await d.manage().setTimeouts({ script: 120_000, pageLoad: 60_000 });
  const version = String((await d.getCapabilities()).get('browserVersion') ?? '');
  return {
    name: `WebKitGTK ${version}`,
    async newPage() {
      return {
        async goto(url) {
          await d.get(url);
          await d.executeScript(`(${watch.toString()})()`);
        },
        async run(fn, ...args) {
          const result = (await d.executeAsyncScript(
            `const done = arguments[arguments.length - 1];
             Promise.resolve().then(() => (${fn.toString()})(...Array.prototype.slice.call(arguments, 0, -1)))
               .then((value) => done({ value }), (e) => done({ error: String(e && e.stack || e) }));`,
            ...args,
          )) as { value?: unknown; error?: string };
          if (result.error !== undefined) throw new Error(`in WebKit: ${result.error}`);
          return result.value as never;
        },
        problems: () => d.executeScript(`return (${pageProblems.toString()})()`) as Promise<string[]>,
      };
    },
    async close() {
      try {
        await d.quit();
      } finally {
        stop();
      }
    },
  };
}
