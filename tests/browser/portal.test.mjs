// The portal in a real browser (issue #8): Debian's Chromium, headless, driven
// by playwright-core. Run by run.sh with BASE_URL, ARTIFACTS and CHROMIUM set.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const BASE = process.env.BASE_URL;
const ARTIFACTS = process.env.ARTIFACTS;
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const profiles = [];

// A browser with a fresh profile; `javaScriptEnabled: false` for the no-JS scenario.
async function browser(options = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'tracuu-chromium-'));
  profiles.push(dir);
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true, args: ARGS,
    viewport: { width: 1280, height: 900 }, locale: 'vi-VN', ...options,
  });
  context.cspViolations = [];
  context.on('console', (m) => { if (m.text().includes('Content Security Policy')) context.cspViolations.push(m.text()); });
  return context;
}

let js, nojs;
before(async () => { js = await browser(); nojs = await browser({ javaScriptEnabled: false }); });
after(async () => {
  for (const c of [js, nojs]) if (c) { assert.deepEqual(c.cspViolations, []); await c.close(); }
  for (const dir of profiles) rmSync(dir, { recursive: true, force: true });
});

const page = (context) => context.newPage();
const shot = (p, name) => p.screenshot({ path: join(ARTIFACTS, name + '.png'), fullPage: false });
const marks = (p) => p.locator('.hit mark').allTextContents();

async function searchFromHome(p, q) {
  await p.goto(BASE + '/');
  await p.getByLabel('Từ khóa, số hiệu hoặc trích yếu').fill(q);
  await Promise.all([p.waitForURL(/\/search\?/), p.keyboard.press('Enter')]);
}

test('an unaccented query finds accented words, highlighted', async () => {
  const p = await page(js);
  await searchFromHome(p, 'dong chi');
  assert.equal(await p.locator('#q').inputValue(), 'dong chi');  // the box keeps the query
  const words = (await marks(p)).map((w) => w.toLowerCase());
  assert.ok(words.includes('đồng'), 'đồng highlighted: ' + words.join(' '));
  assert.ok(words.includes('chí'), 'chí highlighted: ' + words.join(' '));
  assert.match(await p.locator('h1.summary').textContent(), /Tìm thấy \d+ văn bản/);
  await shot(p, 'search');
});

const REAL = process.env.REAL_INDEX === '1';
// Tests that need the real-size index (vn-legal beside the checkout) are skipped, visibly, without it.
const realOnly = REAL ? {} : { skip: 'needs ../shared/datasets/vn-legal (the real-size index)' };
const yearGroup = (p) => p.locator('fieldset.facet[data-facet="year"]');
const countOf = (label) => Number(label.match(/\(([\d.]+)\)\s*$/)[1].replace(/\./g, ''));
const totalOf = async (p) =>
  Number((await p.locator('h1.summary').textContent()).match(/Tìm thấy ([\d.]+)/)[1].replace(/\./g, ''));

test('with JavaScript a ticked box applies at once, keeps the focus, and counts stay disjunctive', async () => {
  const p = await page(js);
  await p.goto(BASE + '/search?q=ubnd');
  const boxes = yearGroup(p).locator('input[type=checkbox]');
  const labels = yearGroup(p).locator('label');
  assert.ok(await boxes.count() >= 2, 'at least two years');
  assert.equal(await yearGroup(p).locator('button.apply').isVisible(), false, 'no apply button needed');
  const before = await labels.allTextContents();
  await Promise.all([p.waitForURL(/year=/), boxes.nth(0).check()]);
  assert.equal(await p.evaluate(() => document.activeElement.value), before[0].replace(/\s*\(.*$/, '').trim(),
    'the ticked box has the focus again');
  await Promise.all([p.waitForURL(/year=.*year=/), boxes.nth(1).check()]);
  const after = await labels.allTextContents();
  assert.deepEqual(after, before, 'counts ignore the facet\'s own filter');
  assert.ok(await boxes.nth(0).isChecked() && await boxes.nth(1).isChecked(), 'selection kept');
  assert.equal(await totalOf(p), countOf(before[0]) + countOf(before[1]), 'OR of the two values');
  await shot(p, 'facets');
});

test('without JavaScript each filter group has its apply button right below it', async () => {
  const p = await page(nojs);
  await p.goto(BASE + '/search?q=ubnd');
  const group = yearGroup(p);
  const button = group.getByRole('button', { name: /Áp dụng/ });
  const [g, b] = [await group.boundingBox(), await button.boundingBox()];
  assert.ok(b.y > g.y && b.y + b.height <= g.y + g.height, 'the button is inside its group');
  assert.ok(b.y - g.y < 600, 'the button is ' + Math.round(b.y - g.y) + ' px below the group\'s top');
  const label = (await group.locator('label').first().textContent()).replace(/\s*\(.*$/, '').trim();
  await group.locator('input[type=checkbox]').first().check();
  await Promise.all([p.waitForURL(/year=/), button.click()]);
  assert.ok(await group.locator(`input[value="${label}"]`).isChecked());
});

test('long facet lists show their top values and fold the rest under "Xem thêm" (no JavaScript)', realOnly, async () => {
  const p = await page(nojs);
  await p.goto(BASE + '/search?q=ubnd');
  const group = p.locator('fieldset.facet[data-facet="issuer"]');
  const boxes = group.locator('input[type=checkbox]');
  const total = await boxes.count();
  assert.ok(total > 12, 'a long list: ' + total);
  const visible = async () => (await Promise.all((await boxes.all()).map((b) => b.isVisible()))).filter(Boolean).length;
  assert.equal(await visible(), 8, 'the top 8 shown');
  const more = group.locator('details.more > summary');
  assert.match(await more.textContent(), new RegExp('Xem thêm ' + (total - 8)));
  await more.click();
  assert.equal(await visible(), total, 'all shown after "Xem thêm"');
  // A rare value, once ticked, stays in sight.
  const rare = group.locator('details.more input[type=checkbox]').last();
  const value = await rare.getAttribute('value');
  await rare.check();
  await Promise.all([p.waitForURL(/issuer=/), group.getByRole('button', { name: /Áp dụng/ }).click()]);
  const ticked = p.locator(`fieldset.facet[data-facet="issuer"] input[value="${value}"]`);
  assert.ok(await ticked.isVisible() && await ticked.isChecked(), value + ' shown and ticked');
});

test('with JavaScript a long list can be narrowed by typing, marks or not', realOnly, async () => {
  const p = await page(js);
  await p.goto(BASE + '/search?q=ubnd');
  const group = p.locator('fieldset.facet[data-facet="issuer"]');
  await group.getByRole('searchbox').fill('bo tai chinh');
  const shown = await group.locator('.facet-value:visible label').allTextContents();
  assert.ok(shown.length >= 1, 'something matches');
  for (const l of shown) assert.match(l, /Bộ Tài chính/);
});

test('on a phone a "Bộ lọc" control at the top opens the filters (no JavaScript)', async () => {
  const p = await page(nojs);
  await p.setViewportSize({ width: 390, height: 844 });
  await p.goto(BASE + '/search?q=ubnd');
  const control = p.locator('.filters-panel > summary');
  const box = await control.boundingBox();
  assert.ok(box && box.y < 300, 'the control is at the top: y = ' + (box && box.y));
  const first = yearGroup(p).locator('input[type=checkbox]').first();
  assert.equal(await first.isVisible(), false, 'closed at first: the results come first');
  assert.ok((await p.locator('.hit').first().boundingBox()).y < 400, 'the first result is near the top');
  await control.click();
  assert.ok(await first.isVisible(), 'open');
  await shot(p, 'filters-phone');
  await first.check();
  await Promise.all([p.waitForURL(/year=/), yearGroup(p).getByRole('button', { name: /Áp dụng/ }).click()]);
  assert.match(await control.textContent(), /1 đang chọn/);
});

test('on a wide screen the filters are open beside the results, with no "Bộ lọc" control', async () => {
  const p = await page(nojs);
  await p.goto(BASE + '/search?q=ubnd');
  assert.equal(await p.locator('.filters-panel > summary').isVisible(), false);
  assert.ok(await yearGroup(p).locator('input[type=checkbox]').first().isVisible());
});

// Pages of the real index that were wider than the screen before issue 18 (pháp điển codes of a hundred digits,
// long section names): at 1,280 px up to 1,334 px, at 390 px up to 1,270 px.
const WIDE_PAGES = ['/search?q=' + encodeURIComponent('pháp điển'), '/search?q=' + encodeURIComponent('đề mục'),
  '/search?q=33.7', '/search?q=y+te', '/doc/giao-duc-dao-tao%2Fgiao-duc', '/doc/thuong-mai-dau-tu-chung-khoan',
  '/doc/y-te-duoc%2Fphong-chong-tac-hai-cua-thuoc-la'];

for (const width of [1280, 390]) {
  test(`unbreakable strings never widen the page at ${width} px`, realOnly, async () => {
    const p = await page(js);
    await p.setViewportSize({ width, height: 900 });
    for (const path of WIDE_PAGES) {
      const r = await p.goto(BASE + path);
      assert.equal(r.status(), 200, path);
      const wide = await p.evaluate(() => document.scrollingElement.scrollWidth);
      assert.ok(wide <= width, `${path} is ${wide} px wide at ${width} px`);
    }
  });
}

test('a snippet opens the document on its highlighted passage', async () => {
  const p = await page(js);
  await p.goto(BASE + '/search?q=' + encodeURIComponent('kinh tế - xã hội'));
  const link = p.locator('a.passage-link').first();
  const snippetText = (await link.textContent()).trim();
  await Promise.all([p.waitForURL(/\/doc\/.+hl=.+#p-\d+/), link.click()]);
  const passage = p.locator('mark.passage');
  assert.equal(await passage.count(), 1);
  const id = await passage.getAttribute('id');
  assert.equal('#' + id, new URL(p.url()).hash, 'the fragment names the passage');
  const firstWords = snippetText.replace(/…/g, '').trim().split(/\s+/).slice(0, 3).join(' ');
  assert.ok((await passage.textContent()).replace(/\s+/g, ' ').includes(firstWords), 'the passage is the snippet');
  const box = await passage.boundingBox();
  const viewport = p.viewportSize();
  assert.ok(box && box.y >= 0 && box.y < viewport.height, 'the passage is on screen');
  await shot(p, 'document');
});

test('a citation leads to a stub page listing who cites it', async () => {
  const p = await page(js);
  await p.goto(BASE + '/doc/000_4273f595e8f93ec2');
  await shot(p, 'document-top');
  const cite = p.locator('a[href^="/cite/"]').first();
  const number = (await cite.textContent()).trim();
  await Promise.all([p.waitForURL(/\/cite\//), cite.click()]);
  assert.match(await p.locator('h1').textContent(), new RegExp(number.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  assert.match(await p.locator('main').textContent(), /chưa có trong hệ thống/);
  assert.ok(await p.locator('ul.cited-by a[href="/doc/000_4273f595e8f93ec2"]').count() >= 1, 'cited by the document we came from');
  await shot(p, 'citation');
});

test('the same search works with JavaScript disabled', async () => {
  const p = await page(nojs);
  await searchFromHome(p, 'dong chi');
  const words = (await marks(p)).map((w) => w.toLowerCase());
  assert.ok(words.includes('đồng') && words.includes('chí'));
  await Promise.all([p.waitForURL(/\/doc\//), p.locator('a.passage-link').first().click()]);
  assert.equal(await p.locator('mark.passage').count(), 1);
  await shot(p, 'nojs-document');
});

test('as-you-type suggestions fill the datalist (JavaScript on)', async () => {
  const p = await page(js);
  await p.goto(BASE + '/');
  await p.locator('#q').pressSequentially('kinh', { delay: 30 });
  await p.waitForFunction(() => document.querySelectorAll('#suggestions option').length > 0);
  const options = await p.locator('#suggestions option').evaluateAll((os) => os.map((o) => o.value));
  assert.ok(options.some((o) => o.toLowerCase().startsWith('kinh')), options.join(', '));
});

test('phone width: no horizontal scrolling; the skip link comes first on the keyboard', async () => {
  const p = await page(js);
  await p.setViewportSize({ width: 375, height: 812 });
  await p.goto(BASE + '/search?q=' + encodeURIComponent('UBND tỉnh'));
  const overflow = await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, 'page wider than the screen by ' + overflow + ' px');
  await shot(p, 'search-phone');
  await p.goto(BASE + '/doc/004_b33ee16890788d7a');
  assert.ok(await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth) <= 0);
  await shot(p, 'document-phone');
  await p.keyboard.press('Tab');
  assert.equal(await p.evaluate(() => document.activeElement.className), 'skip');
  await p.keyboard.press('Tab');
  assert.equal(await p.evaluate(() => document.activeElement.className), 'brand');
});

test('a page past the end says so and links to the last page', async () => {
  const p = await page(nojs);
  await p.goto(BASE + '/search?q=ubnd&page=999');
  assert.match(await p.locator('h1#results-heading').textContent(), /Trang 999 vượt quá số trang kết quả/);
  assert.equal(await p.getByText('Kiểm tra lỗi chính tả').count(), 0, 'no spelling tips');
  const last = p.getByRole('link', { name: /Đến trang cuối/ });
  await Promise.all([p.waitForURL(/page=\d+/), last.click()]);
  assert.ok(await p.locator('.hit').count() >= 1, 'the last page has results');
  assert.equal(await p.locator('.pages a[rel=next]').count(), 0, 'and is the last one');
});

test('a field mistake says what was wrong', async () => {
  const p = await page(js);
  const r = await p.goto(BASE + '/search?q=' + encodeURIComponent('cites:khongphaiso'));
  assert.equal(r.status(), 400);
  assert.match(await p.locator('.detail').textContent(), /cites: 'khongphaiso' is not a document number/);
  assert.equal(await p.locator('#q').inputValue(), 'cites:khongphaiso', 'the query is kept to correct it');
});

test('a law\'s table of contents reads "Điều 1. Phạm vi điều chỉnh"', realOnly, async () => {
  const p = await page(js);
  await p.goto(BASE + '/doc/' + encodeURIComponent('thuong-mai-dau-tu-chung-khoan/dau-tu-cong'));
  const entries = await p.locator('nav.toc a').allTextContents();
  assert.ok(entries.includes('Điều 1. Phạm vi điều chỉnh'), entries.slice(0, 4).join(' | '));
  assert.ok(entries.some((e) => /^Chương I\b/.test(e)), 'chapters keep their label too');
});

test('dates are typed dd/mm/yyyy whatever the browser\'s language (no locale date picker)', async () => {
  const context = await browser({ locale: 'en-US' });
  try {
    const p = await context.newPage();
    await p.goto(BASE + '/search?q=ubnd');
    const from = p.locator('#from');
    assert.equal(await from.getAttribute('type'), 'text');
    assert.equal(await from.getAttribute('placeholder'), 'dd/mm/yyyy');
    const all = await totalOf(p);
    await from.fill('01/06/2021');
    await p.locator('#to').fill('2021-06-30');  // ISO is read too
    await Promise.all([p.waitForURL(/from=/), p.locator('fieldset.dates').getByRole('button', { name: /Áp dụng/ }).click()]);
    assert.equal(await p.locator('#to').inputValue(), '30/06/2021', 'shown back day first');
    const some = await totalOf(p);
    assert.ok(some >= 1 && some < all, `${some} of ${all} documents in June 2021`);
    for (const date of await p.locator('.hit .meta span:has-text("Ngày ")').allTextContents())
      assert.match(date, /Ngày \d\d\/06\/2021/);
  } finally { await context.close(); }
});

// A browser signed in as staff through the portal's own form.
async function staffContext(options = {}) {
  const context = await browser(options);
  const p = await context.newPage();
  await p.goto(BASE + '/signin');
  await p.getByLabel('Khóa truy cập').fill(process.env.STAFF_KEY);
  await Promise.all([p.waitForURL((u) => !u.pathname.startsWith('/signin')), p.getByRole('button', { name: 'Đăng nhập' }).click()]);
  await p.close();
  return context;
}

test('staff assignments: filtered, sorted by deadline, linked to the sentence, exported', async () => {
  const context = await staffContext();
  try {
    const p = await context.newPage();
    await p.goto(BASE + '/');
    await Promise.all([p.waitForURL(/\/assignments/), p.getByRole('link', { name: 'Nhiệm vụ được giao' }).click()]);
    const deadlines = async () => (await p.locator('table.assignments tbody td:first-child').allTextContents())
      .map((t) => t.match(/(\d\d)\/(\d\d)\/(\d{4})/)).filter(Boolean).map((m) => m[3] + m[2] + m[1]);
    const all = await deadlines();
    assert.ok(all.length >= 3, 'dated assignments listed');
    assert.deepEqual(all, [...all].sort(), 'soonest deadline first');
    // Filter by one assignee (the Department of Finance of sample 000).
    await p.locator('.assignee-list > summary').click();
    await p.getByLabel(/^Sở Tài chính \(/).check();
    await Promise.all([p.waitForURL(/assignee=/), p.getByRole('button', { name: 'Lọc nhiệm vụ' }).click()]);
    const assignees = await p.locator('table.assignments tbody td:nth-child(2)').allTextContents();
    assert.ok(assignees.length >= 1 && assignees.every((a) => a.trim() === 'Sở Tài chính'), assignees.join(', '));
    await shot(p, 'assignments');
    // CSV: UTF-8 with a byte order mark; iCalendar: one event per dated task.
    const csv = await context.request.get(BASE + await p.getByRole('link', { name: 'Bảng tính CSV' }).getAttribute('href'));
    const bytes = await csv.body();
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    assert.match(bytes.toString('utf8'), /Sở Tài chính/);
    const ics = await context.request.get(BASE + await p.getByRole('link', { name: /iCalendar/ }).getAttribute('href'));
    assert.match(ics.headers()['content-type'], /^text\/calendar/);
    assert.match(await ics.text(), /BEGIN:VEVENT[\s\S]*DTSTART;VALUE=DATE:\d{8}/);
    // Each task opens its document on the sentence.
    await Promise.all([p.waitForURL(/\/doc\/.+hl=/), p.locator('table.assignments tbody td:nth-child(3) a').first().click()]);
    assert.match(await p.locator('mark.passage').textContent(), /Sở Tài chính/);
  } finally { await context.close(); }
});

test('the public gets the same 404 for the assignments pages as for a page that does not exist', async () => {
  const p = await page(js);
  const missing = await p.request.get(BASE + '/khong-co-trang-nay');
  for (const path of ['/assignments', '/assignments.csv', '/assignments.ics']) {
    const r = await p.request.get(BASE + path);
    assert.equal(r.status(), 404, path);
    assert.equal(await r.text(), await missing.text(), path);
  }
});

test('a document prints cleanly: metadata and full text, no navigation', async () => {
  const p = await page(js);
  await p.goto(BASE + '/doc/000_4273f595e8f93ec2');
  await p.emulateMedia({ media: 'print' });
  for (const hidden of ['header.site', 'footer.site', '.back', 'nav.toc'])
    assert.equal(await p.locator(hidden).isVisible(), false, hidden + ' is not printed');
  assert.ok(await p.locator('table.metadata').isVisible(), 'the metadata header is printed');
  const text = p.locator('.doc-text');
  assert.ok(await text.isVisible());
  const box = await text.boundingBox();
  assert.ok(box.height >= await text.evaluate((e) => e.scrollHeight) - 1, 'the whole text, not a scrolling box');
  const pdf = await p.pdf({ format: 'A4' });
  assert.ok(pdf.length > 10000, 'a PDF of ' + pdf.length + ' bytes');
});

// axe-core (WCAG rules) in the page: no serious or critical violation on the main pages, wide and narrow,
// public and staff. A context that bypasses the CSP only to inject axe; the pages themselves are unchanged.
const AXE = readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'node_modules/axe-core/axe.min.js'), 'utf8');
const AXE_PAGES = [
  ['home', '/'], ['results', '/search?q=ubnd'], ['results past the end', '/search?q=ubnd&page=999'],
  ['query mistake', '/search?q=' + encodeURIComponent('cites:abc')], ['document', '/doc/000_4273f595e8f93ec2'],
  ['citation', '/cite/66%2F2025%2FN%C4%90-CP'], ['assignments (staff)', '/assignments'],
];

// Each page at both widths, as signed-in staff in one browser: `check(p, label)` once it has loaded.
async function atBothWidths(pages, options, check) {
  const context = await staffContext(options);
  try {
    const p = await context.newPage();
    for (const width of [1280, 390]) {
      await p.setViewportSize({ width, height: 900 });
      for (const [name, path] of pages) {
        await p.goto(BASE + path);
        await check(p, `${name} at ${width} px`);
      }
    }
  } finally { await context.close(); }
}

test('axe-core finds no serious or critical violation on home, results, document, citation and assignments pages',
  () => atBothWidths(AXE_PAGES, { bypassCSP: true }, async (p, label) => {
    await p.addScriptTag({ content: AXE });
    const violations = await p.evaluate(async () => (await window.axe.run(document)).violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`));
    assert.deepEqual(violations, [], label);
  }));

// 200 % zoom: a 1,280 × 900 window zoomed to 200 % lays a page out in 640 × 450 CSS pixels at twice the density.
test('at 200 % zoom every page fits the window and no control is cut off', async () => {
  const context = await staffContext({ viewport: { width: 640, height: 450 }, deviceScaleFactor: 2 });
  try {
    const p = await context.newPage();
    for (const [name, path] of AXE_PAGES) {
      await p.goto(BASE + path);
      const overflow = await p.evaluate(() => document.scrollingElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `${name}: ${overflow} px wider than the window at 200 %`);
      // Controls partly outside the window (wholly outside ones, like a skip link waiting for focus, are meant).
      const cut = await p.evaluate(() => [...document.querySelectorAll('a, button, input, select, summary, label')]
        .filter((e) => {
          const r = e.getBoundingClientRect();
          if (r.width === 0 || getComputedStyle(e).visibility === 'hidden') return false;
          return (r.left < -1 && r.right > 0) || (r.right > window.innerWidth + 1 && r.left < window.innerWidth);
        })
        .map((e) => e.outerHTML.slice(0, 100)));
      assert.deepEqual(cut, [], name);
    }
  } finally { await context.close(); }
});

// Keyboard only. `tabTo` presses Tab (at most `limit` times) until `selector` has the focus: reached by Tab.
async function tabTo(p, selector, limit = 300) {
  for (let i = 0; i < limit; ++i) {
    await p.keyboard.press('Tab');
    if (await p.evaluate((s) => document.activeElement?.matches(s), selector)) return;
  }
  assert.fail(`${selector} not reached with Tab on ${p.url()}`);
}

// Tabs through a whole page: every visible control gets the focus, in turn, and shows that it has it.
async function tabWalk(p) {
  const expected = await p.evaluate(() => {
    const controls = [...document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea, summary')]
      .filter((e) => e.checkVisibility({ visibilityProperty: true }) && !e.disabled);
    controls.forEach((e, i) => { e.dataset.kb = String(i); });
    return controls.map((e) => `${e.tagName.toLowerCase()} "${(e.textContent || e.name || e.value || '').trim().slice(0, 40)}"`);
  });
  const reached = new Set();
  const unseen = [];
  for (let i = 0; i < expected.length + 10; ++i) {
    await p.keyboard.press('Tab');
    const f = await p.evaluate(() => {
      const e = document.activeElement;
      if (!e || e === document.body || e.dataset.kb === undefined) return null;
      const s = getComputedStyle(e);
      const r = e.getBoundingClientRect();
      return { kb: e.dataset.kb, ring: e.matches(':focus-visible') && ((s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none'),
        inView: r.bottom > 0 && r.top < innerHeight && r.right > 0 && r.left < innerWidth };
    });
    if (!f) { if (reached.size) break; continue; }  // past the last control
    if (reached.has(f.kb)) break;  // wrapped around
    reached.add(f.kb);
    if (!f.ring || !f.inView) unseen.push(expected[Number(f.kb)]);
  }
  const missed = expected.filter((_, i) => !reached.has(String(i)));
  return { count: expected.length, missed, unseen };
}

const KEYBOARD_PAGES = [['home', '/'], ['results', '/search?q=ubnd'], ['document', '/doc/000_4273f595e8f93ec2'],
  ['citation', '/cite/66%2F2025%2FN%C4%90-CP'], ['assignments (staff)', '/assignments']];

test('keyboard only: every control of the five pages is reached with Tab and shows its focus, wide and narrow',
  () => atBothWidths(KEYBOARD_PAGES, {}, async (p, label) => {
    const { count, missed, unseen } = await tabWalk(p);
    assert.ok(count >= 3, `${label}: has controls`);
    assert.deepEqual(missed, [], `${label}: not reached with Tab`);
    assert.deepEqual(unseen, [], `${label}: focus not visible`);
  }));

test('keyboard only: search, open the phone filters, tick a year, open a result (JavaScript on)', async () => {
  const p = await page(js);
  await p.setViewportSize({ width: 390, height: 844 });
  await p.goto(BASE + '/');
  await tabTo(p, '#q');
  await p.keyboard.type('ubnd');
  await Promise.all([p.waitForURL(/\/search\?/), p.keyboard.press('Enter')]);
  await tabTo(p, '.filters-panel > summary');
  await p.keyboard.press('Enter');
  assert.ok(await p.locator('.filters-panel').evaluate((d) => d.open), 'Enter opens "Bộ lọc"');
  await tabTo(p, 'fieldset.facet[data-facet="year"] input[type=checkbox]');
  await Promise.all([p.waitForURL(/year=/), p.keyboard.press('Space')]);
  assert.equal(await p.evaluate(() => document.activeElement.name), 'year', 'the focus is back on the filter');
  await tabTo(p, '.hit h2 a');
  await Promise.all([p.waitForURL(/\/doc\//), p.keyboard.press('Enter')]);
});

test('keyboard only: a filter group\'s apply button works with Enter (no JavaScript)', async () => {
  const p = await page(nojs);
  await p.goto(BASE + '/search?q=ubnd');
  await tabTo(p, 'fieldset.facet[data-facet="year"] input[type=checkbox]');
  await p.keyboard.press('Space');
  await tabTo(p, 'fieldset.facet[data-facet="year"] button.apply');
  await Promise.all([p.waitForURL(/year=/), p.keyboard.press('Enter')]);
  assert.equal(await yearGroup(p).locator('input:checked').count(), 1);
});

test('keyboard only: staff sign in, open their assignments and filter them by assignee', async () => {
  const context = await browser();
  try {
    const p = await context.newPage();
    await p.goto(BASE + '/signin');
    await tabTo(p, '#key');
    await p.keyboard.type(process.env.STAFF_KEY);
    await Promise.all([p.waitForURL((u) => !u.pathname.startsWith('/signin')), p.keyboard.press('Enter')]);
    await tabTo(p, 'a.staff-link');
    await Promise.all([p.waitForURL(/\/assignments/), p.keyboard.press('Enter')]);
    await tabTo(p, '.assignee-list > summary');
    await p.keyboard.press('Enter');
    await tabTo(p, '.assignee-list input[type=checkbox]');
    await p.keyboard.press('Space');
    await tabTo(p, 'button[type=submit]:not(.signout button)');
    await Promise.all([p.waitForURL(/assignee=/), p.keyboard.press('Enter')]);
    assert.ok(await p.locator('table.assignments tbody tr').count() >= 1, 'the filtered assignments');
  } finally { await context.close(); }
});

test('a document read from a PDF offers the file, and a passage opens it at its page', async () => {
  const p = await page(nojs);
  await p.goto(BASE + '/search?q=xyzzybangoc');
  const href = await p.getByRole('link', { name: 'Trang 2 của bản gốc (PDF)' }).getAttribute('href');
  assert.equal(href, '/api/v1/documents/tb-41-2025/original#page=2');
  const file = await p.request.get(BASE + href.replace(/#.*/, ''));
  assert.equal(file.status(), 200);
  assert.equal(file.headers()['content-type'], 'application/pdf');
  assert.equal((await file.body()).subarray(0, 5).toString(), '%PDF-');
  await p.goto(BASE + '/doc/tb-41-2025');
  assert.equal(await p.getByRole('link', { name: 'Tải bản gốc (PDF)' }).getAttribute('href'),
    '/api/v1/documents/tb-41-2025/original');
});

test('a search links its Atom feed: newest to the index first, each linked to its page', async () => {
  const p = await page(nojs);
  await p.goto(BASE + '/search?q=ubnd');
  const href = await p.locator('link[rel=alternate][type="application/atom+xml"]').getAttribute('href');
  assert.equal(href, await p.getByRole('link', { name: 'Theo dõi văn bản mới (Atom)' }).getAttribute('href'));
  const feed = await p.request.get(BASE + href);
  assert.match(feed.headers()['content-type'], /^application\/atom\+xml/);
  const xml = await feed.text();
  const dates = [...xml.matchAll(/<entry>\n<title>[^<]*<\/title>\n<id>[^<]*<\/id>\n<updated>([^<]*)<\/updated>/g)].map((m) => m[1]);
  assert.ok(dates.length >= 2, xml.slice(0, 500));
  assert.deepEqual(dates, [...dates].sort().reverse(), 'newest to the index first');
  const first = xml.match(/<link rel="alternate" type="text\/html" href="(\/doc\/[^"]+)"\/>/)[1];
  assert.equal((await p.request.get(BASE + first)).status(), 200);
});
