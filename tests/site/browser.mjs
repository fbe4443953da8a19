// Browser checks of a running Herald site, driven by tests/site/run.sh.
//
// Environment: BASE_URL (http://127.0.0.1:PORT), URLS (tab-separated file: lang, page name,
// path), ARTIFACTS (folder; screenshots go to ARTIFACTS/screenshots/{lang}-{page}-{width}.png).
//
// For every page at widths 375 and 1280, in Debian's Chromium (never a downloaded browser):
// clean load (no console errors, page errors or failed requests), no horizontal overflow,
// exactly one h1, html[lang] (and dir="rtl" for RTL languages), alt on every img, and no
// axe-core violation of impact "serious" or "critical".
//
// Prints `  ok   NAME` / `  FAIL NAME: reason` lines and ends with
// `BROWSER-RESULT passed=N failed=M`, which run.sh adds to its own counts.
import { readFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { RTL, axe, launch, overflow, reporter, short } from './lib.mjs';

const BASE = process.env.BASE_URL;
const ART = process.env.ARTIFACTS;
const WIDTHS = [375, 1280];
const PAGES = ['home', 'topic-page2', 'post', 'page'];

if (!BASE || !process.env.URLS || !ART) {
  console.error('browser.mjs: BASE_URL, URLS and ARTIFACTS must be set (run it through run.sh)');
  process.exit(2);
}
const targets = readFileSync(process.env.URLS, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((line) => {
    const [lang, name, path] = line.split('\t');
    return { lang, name, path };
  })
  .filter((t) => PAGES.includes(t.name));
mkdirSync(join(ART, 'screenshots'), { recursive: true });

const faviconProblems = [];
const { check, result } = reporter();
const browser = await launch();

try {
  for (const t of targets) {
    for (const width of WIDTHS) {
      const label = `${t.lang} ${t.name} @${width}`;
      const url = BASE + t.path;
      const context = await browser.newContext({ viewport: { width, height: 800 } });
      const page = await context.newPage();
      page.setDefaultTimeout(30_000);

      // Anything that goes wrong while loading and rendering the page. Chromium asks for
      // /favicon.ico on its own, once per browser: that is checked once, at the end.
      const loadProblems = [];
      page.on('console', (m) => {
        if (m.type() !== 'error') return;
        const where = m.location().url || url;
        const problem = `console error: ${short(m.text())} (${where})`;
        if (/\/favicon\.ico\/?$/.test(where)) faviconProblems.push(problem);
        else loadProblems.push(problem);
      });
      page.on('pageerror', (e) => loadProblems.push(`page error: ${short(String(e))}`));
      page.on('requestfailed', (r) => loadProblems.push(`request failed: ${r.url()} (${r.failure()?.errorText})`));
      page.on('response', (r) => {
        if (r.status() >= 400) loadProblems.push(`HTTP ${r.status()} for ${r.url()}`);
      });

      let response;
      try {
        response = await page.goto(url, { waitUntil: 'load' });
        await page.evaluate(() => document.fonts.ready);
      } catch (e) {
        check(`browser ${label}: loads`, [`could not load ${url}: ${short(String(e), 300)}`]);
        await context.close();
        continue;
      }
      if (response && response.status() !== 200) loadProblems.unshift(`${url} answered ${response.status()}`);
      check(`browser ${label}: loads without errors`, loadProblems);

      const facts = await page.evaluate(() => ({
        h1: [...document.querySelectorAll('h1')].map((h) => h.textContent.trim()),
        lang: document.documentElement.getAttribute('lang'),
        dir: document.documentElement.getAttribute('dir'),
        noAlt: [...document.querySelectorAll('img:not([alt])')].map((i) => i.outerHTML.slice(0, 160)),
      }));

      check(`browser ${label}: no horizontal overflow`, await overflow(page));
      check(
        `browser ${label}: exactly one h1`,
        facts.h1.length === 1 ? [] : [`found ${facts.h1.length} h1: ${JSON.stringify(facts.h1)}`],
      );
      const langProblems = [];
      if (!facts.lang) langProblems.push('html has no lang attribute');
      else if (facts.lang.toLowerCase().split('-')[0] !== t.lang) langProblems.push(`html lang="${facts.lang}", expected "${t.lang}"`);
      if (RTL.has(t.lang) && facts.dir !== 'rtl') langProblems.push(`html dir="${facts.dir}", expected "rtl"`);
      if (!RTL.has(t.lang) && facts.dir === 'rtl') langProblems.push('html dir="rtl" on a left-to-right language');
      check(`browser ${label}: html lang/dir`, langProblems);
      check(
        `browser ${label}: every img has alt`,
        facts.noAlt.length === 0 ? [] : [`${facts.noAlt.length} img without alt`, ...facts.noAlt],
      );

      await page.screenshot({ path: join(ART, 'screenshots', `${t.lang}-${t.name}-${width}.png`), fullPage: true });

      await axe(page, label, check);

      await context.close();
    }
  }
  check('browser favicon: no error loading the site icon', faviconProblems.slice(0, 1));
} catch (e) {
  check('browser checks', [`unexpected error: ${e.stack || e}`]);
} finally {
  await browser.close();
}
result();
