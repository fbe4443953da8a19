// End-to-end checks of the admin interface in Debian's headless Chromium, driven by
// tests/site/run.sh against a running demo site with an admin account.
//
// Environment: BASE_URL, ADMIN_LOGIN, ADMIN_PASSWORD, ARTIFACTS.
//
// 1. The story of one post, as an editor lives it, in a context that enforces the admin's
//    Content Security Policy (a blocked script or style shows as a console error): sign in,
//    write a post with a Persian title and a Markdown body, see the live preview, schedule it
//    (not public yet), publish it (public), edit it, restore its first revision (the public
//    page shows the first text again).
// 2. Every admin page at 375 and 1280 px, in English and in Persian (dir=rtl): loads without
//    errors, no horizontal overflow, one h1, and no serious or critical axe-core violation.
//
// Prints ok/FAIL lines and ends with `BROWSER-RESULT passed=N failed=M`.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { axe, launch, overflow, reporter, short, watch } from './lib.mjs';

const BASE = process.env.BASE_URL;
const LOGIN = process.env.ADMIN_LOGIN;
const PASSWORD = process.env.ADMIN_PASSWORD;
const ART = process.env.ARTIFACTS;
if (!BASE || !LOGIN || !PASSWORD || !ART) {
  console.error('admin.mjs: BASE_URL, ADMIN_LOGIN, ADMIN_PASSWORD and ARTIFACTS must be set');
  process.exit(2);
}
mkdirSync(join(ART, 'screenshots'), { recursive: true });

// Made-up text for the test post.
const TITLE = 'گزارشی آزمایشی از باغ‌های محله';
const FIRST_BODY = 'نخستین نسخه: باغ‌های محله در **بهار** پر از گل است.\n\n- آب\n- خاک\n';
const SECOND_BODY = 'نسخهٔ دوم: متن را ویرایشگر عوض کرد.\n';
const isFavicon = (url) => /\/favicon\.ico\/?$/.test(url);

const { check, result } = reporter();
const browser = await launch();

async function signIn(page) {
  await page.goto(`${BASE}/admin/login`);
  await page.fill('#login', LOGIN);
  await page.fill('#password', PASSWORD);
  await Promise.all([page.waitForURL(`${BASE}/admin/`), page.click('button[type=submit]')]);
}

/// Save the editor form and wait for the edit page it leads to; the post's id.
async function save(page) {
  await Promise.all([
    page.waitForURL(/\/admin\/posts\/\d+\/edit/),
    page.click('form.admin-editor button[type=submit]:not([formaction])'),
  ]);
  return Number(page.url().match(/\/admin\/posts\/(\d+)\/edit/)[1]);
}

/// The public page of a post: its status and the text of its article.
async function publicPost(context, id) {
  const page = await context.newPage();
  const response = await page.goto(`${BASE}/fa/posts/${id}`);
  const text = response.status() === 200 ? await page.locator('main').innerText() : '';
  await page.close();
  return { status: response.status(), text };
}

async function story() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  const problems = watch(page, isFavicon);
  let id;
  try {
    await signIn(page);
    check('admin story: sign in', page.url() === `${BASE}/admin/` ? [] : [`ended at ${page.url()}`]);

    await page.goto(`${BASE}/admin/posts/new`);
    await page.fill('#title', TITLE);
    const placeholder = await page.getAttribute('#slug', 'placeholder');
    check(
      'admin story: the slug is suggested from the Persian title',
      placeholder && placeholder.startsWith('گزارشی-آزمایشی') ? [] : [`placeholder ${JSON.stringify(placeholder)}`],
    );
    await page.selectOption('#language', 'fa');
    await page.fill('#body', FIRST_BODY);

    // The live preview: a sandboxed frame filled by the server's rendering.
    const frame = page.frameLocator('iframe.admin-preview-frame');
    let previewProblems = [];
    try {
      await frame.locator('h1').filter({ hasText: TITLE }).waitFor({ timeout: 15_000 });
      const strong = await frame.locator('strong').first().innerText();
      if (strong !== 'بهار') previewProblems.push(`bold text in the preview is ${JSON.stringify(strong)}`);
    } catch (e) {
      previewProblems = [`the preview frame never showed the title: ${short(String(e), 300)}`];
    }
    check('admin story: live preview shows the post with the public theme', previewProblems);

    // Scheduled far ahead: saved, not public.
    await page.selectOption('#status', 'scheduled');
    await page.fill('#publish_at', '2099-03-21T09:30');
    id = await save(page);
    const scheduled = await publicPost(context, id);
    check(
      'admin story: a scheduled post is saved but not public',
      scheduled.status === 404 ? [] : [`/fa/posts/${id} answered ${scheduled.status}`],
    );

    // Published now.
    await page.selectOption('#status', 'published');
    await page.fill('#publish_at', '');
    await save(page);
    const published = await publicPost(context, id);
    check(
      'admin story: the published post is on the public site',
      published.status === 200 && published.text.includes(TITLE) && published.text.includes('نخستین نسخه')
        ? []
        : [`/fa/posts/${id} answered ${published.status}: ${short(published.text)}`],
    );

    // Edited.
    await page.fill('#body', SECOND_BODY);
    await save(page);
    const edited = await publicPost(context, id);
    check(
      'admin story: the edit shows on the public site',
      edited.text.includes('نسخهٔ دوم') ? [] : [`public text: ${short(edited.text)}`],
    );

    // The first revision restored.
    await page.goto(`${BASE}/admin/posts/${id}/revisions`);
    const rows = await page.locator('tbody tr').count();
    await Promise.all([
      page.waitForURL(/restored=1/),
      page.locator('tbody tr').last().locator('button').click(),
    ]);
    const restored = await publicPost(context, id);
    check(
      'admin story: restoring the first revision brings its text back',
      rows >= 4 && restored.text.includes('نخستین نسخه') && !restored.text.includes('نسخهٔ دوم')
        ? []
        : [`${rows} revision rows; public text: ${short(restored.text)}`],
    );
    await page.screenshot({ path: join(ART, 'screenshots', 'admin-editor-1280.png'), fullPage: true });
  } catch (e) {
    check('admin story', [`stopped: ${short(String(e.stack || e), 600)}`]);
  }
  check('admin story: no console errors, CSP violations or failed requests', problems);
  await context.close();
  return id;
}

/// Every admin page, both languages, both widths: clean load, layout, lang/dir, axe.
async function pages(postId) {
  const paths = [
    '/admin/login',
    '/admin/',
    '/admin/posts',
    '/admin/posts?status=trash',
    '/admin/posts/new',
    ...(postId ? [`/admin/posts/${postId}/edit`, `/admin/posts/${postId}/revisions`] : []),
    '/admin/topics',
    '/admin/tags',
    '/admin/users',
    '/admin/users/new',
    '/admin/settings',
  ];
  for (const width of [375, 1280]) {
    // axe is injected as a script: this context lets it past the admin's CSP (the story
    // above ran under the real policy).
    const context = await browser.newContext({ viewport: { width, height: 800 }, bypassCSP: true });
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    await signIn(page);
    for (const lang of ['en', 'fa']) {
      for (const path of paths) {
        const url = `${BASE}${path}${path.includes('?') ? '&' : '?'}lang=${lang}`;
        const label = `admin ${lang} ${path} @${width}`;
        const problems = watch(page, isFavicon);
        const response = await page.goto(url, { waitUntil: 'load' });
        if (response.status() !== 200) problems.unshift(`${url} answered ${response.status()}`);
        const facts = await page.evaluate(() => ({
          h1: document.querySelectorAll('h1').length,
          lang: document.documentElement.getAttribute('lang'),
          dir: document.documentElement.getAttribute('dir'),
        }));
        if (facts.h1 !== 1) problems.push(`${facts.h1} h1 elements`);
        if (facts.lang !== lang) problems.push(`html lang="${facts.lang}"`);
        if (facts.dir !== (lang === 'fa' ? 'rtl' : 'ltr')) problems.push(`html dir="${facts.dir}"`);
        problems.push(...(await overflow(page)));
        check(`${label}: loads, lang/dir, one h1, no overflow`, problems);
        await axe(page, label, check);
        page.removeAllListeners('console');
        page.removeAllListeners('pageerror');
        page.removeAllListeners('requestfailed');
        page.removeAllListeners('response');
      }
    }
    await page.goto(`${BASE}/admin/posts?lang=fa`);
    await page.screenshot({ path: join(ART, 'screenshots', `admin-fa-posts-${width}.png`), fullPage: true });
    await context.close();
  }
}

try {
  const id = await story();
  await pages(id);
} catch (e) {
  check('admin checks', [`unexpected error: ${e.stack || e}`]);
} finally {
  await browser.close();
}
result();
