// What the browser checks share (browser.mjs for the public site, admin.mjs for the admin):
// Debian's Chromium, ok/FAIL reporting, the overflow finder and the axe-core run.
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');

export const RTL = new Set(['fa', 'ar', 'he', 'ur', 'ps', 'ckb']);
export const short = (s, n = 160) => (s.length > n ? `${s.slice(0, n)}…` : s);

/// Debian's Chromium, headless; never a downloaded browser.
export function launch() {
  return chromium.launch({
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
}

/// `check(name, problems)` prints ok/FAIL lines; `result()` prints the BROWSER-RESULT line.
export function reporter() {
  let passed = 0;
  let failed = 0;
  return {
    check(name, problems) {
      if (problems.length === 0) {
        passed++;
        console.log(`  ok   ${name}`);
      } else {
        failed++;
        console.log(`  FAIL ${name}: ${problems[0]}`);
        for (const p of problems.slice(1)) console.log(`      ${p}`);
      }
    },
    result() {
      console.log(`BROWSER-RESULT passed=${passed} failed=${failed}`);
    },
  };
}

// Describe the elements sticking out of the viewport, to say what overflows (runs in the page).
export function overflowCulprits() {
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

/// Horizontal overflow problems of the page (empty when none).
export async function overflow(page) {
  const f = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  return f.scrollWidth <= f.innerWidth
    ? []
    : [`scrollWidth ${f.scrollWidth} > innerWidth ${f.innerWidth}`, ...(await page.evaluate(overflowCulprits))];
}

/// Run axe-core on the page: a check failing on serious and critical violations; the
/// others are printed as notes. The page's context must allow the injected script
/// (admin pages forbid inline script, so their context is made with `bypassCSP`).
export async function axe(page, label, check) {
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
}

/// Collect console errors, page errors, failed requests and HTTP errors of a page.
/// `ignore(url)` leaves some out (the browser's own favicon request).
export function watch(page, ignore = () => false) {
  const problems = [];
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    const where = m.location().url || page.url();
    if (ignore(where)) return;
    problems.push(`console error: ${short(m.text())} (${where})`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${short(String(e))}`));
  page.on('requestfailed', (r) => {
    if (!ignore(r.url())) problems.push(`request failed: ${r.url()} (${r.failure()?.errorText})`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400 && !ignore(r.url())) problems.push(`HTTP ${r.status()} for ${r.url()}`);
  });
  return problems;
}
