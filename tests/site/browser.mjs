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
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');

const BASE = process.env.BASE_URL;
const ART = process.env.ARTIFACTS;
const RTL = new Set(['fa', 'ar', 'he', 'ur', 'ps', 'ckb']);
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
let passed = 0;
let failed = 0;
function check(name, problems) {
  if (problems.length === 0) {
    passed++;
    console.log(`  ok   ${name}`);
  } else {
    failed++;
    console.log(`  FAIL ${name}: ${problems[0]}`);
    for (const p of problems.slice(1)) console.log(`      ${p}`);
  }
}
const short = (s, n = 160) => (s.length > n ? `${s.slice(0, n)}…` : s);

// Describe the elements sticking out of the viewport, to say what overflows.
function overflowCulprits() {
  const w = window.innerWidth;
  const out = [];
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || (r.right <= w + 0.5 && r.left >= -0.5)) continue;
    // Report only the outermost offender of a subtree.
    if (out.some((o) => o.el.contains(el))) continue;
    const cls = el.className && typeof el.className === 'string' ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
    out.push({
      el,
      text: `<${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${cls}> spans x ${Math.round(r.left)}..${Math.round(r.right)} (viewport ${w}): ${el.outerHTML.slice(0, 140)}`,
    });
    if (out.length >= 5) break;
  }
  return out.map((o) => o.text);
}

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-quic',
    '--no-first-run',
    '--disable-component-update',
    '--disable-sync',
  ],
});

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
        scrollWidth: document.documentElement.scrollWidth,
        innerWidth: window.innerWidth,
        h1: [...document.querySelectorAll('h1')].map((h) => h.textContent.trim()),
        lang: document.documentElement.getAttribute('lang'),
        dir: document.documentElement.getAttribute('dir'),
        noAlt: [...document.querySelectorAll('img:not([alt])')].map((i) => i.outerHTML.slice(0, 160)),
      }));

      check(
        `browser ${label}: no horizontal overflow`,
        facts.scrollWidth <= facts.innerWidth
          ? []
          : [`scrollWidth ${facts.scrollWidth} > innerWidth ${facts.innerWidth}`, ...(await page.evaluate(overflowCulprits))],
      );
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

      // axe-core: fail on serious and critical violations, mention the others.
      await page.addScriptTag({ path: AXE });
      const violations = await page.evaluate(async () => {
        const r = await window.axe.run(document, { resultTypes: ['violations'] });
        return r.violations.map((v) => ({
          id: v.id,
          impact: v.impact,
          help: v.help,
          helpUrl: v.helpUrl,
          nodes: v.nodes.map((n) => ({ target: n.target.join(' '), html: n.html, summary: n.failureSummary })),
        }));
      });
      const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      const details = [];
      for (const v of bad) {
        details.push(`[${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})`);
        for (const n of v.nodes.slice(0, 8)) {
          details.push(`  - ${n.target}: ${short(n.html)}`);
          details.push(`    ${short((n.summary || '').replace(/\s+/g, ' '), 300)}`);
        }
        if (v.nodes.length > 8) details.push(`  … and ${v.nodes.length - 8} more element(s)`);
      }
      check(`axe ${label}: no serious/critical violations`, bad.length ? [`${bad.length} violation(s)`, ...details] : []);
      for (const v of violations.filter((x) => !bad.includes(x))) {
        console.log(`       note: axe ${label}: [${v.impact}] ${v.id}: ${v.help} (${v.nodes.length} element(s))`);
      }

      await context.close();
    }
  }
  check('browser favicon: no error loading the site icon', faviconProblems.slice(0, 1));
} catch (e) {
  check('browser checks', [`unexpected error: ${e.stack || e}`]);
} finally {
  await browser.close();
}
console.log(`BROWSER-RESULT passed=${passed} failed=${failed}`);
