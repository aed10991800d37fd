// Browser tests of the web app in Debian's headless Chromium, driven by playwright-core.
// scripts/browser-test.sh starts a server on the demo series (plus a hostile article
// posted through the API) and sets BASE; run it rather than this file directly.
//
// A reader sets the horizon to S1E1, follows a character link, searches and opens the
// graph; on every page the whole document (text, title attributes, SVG <title> tooltips,
// alt text, option labels) must hold nothing first seen after S1E1. The hostile recap must
// render as text: no dialog opens, no script or image element exists, no event handler
// attribute, no link leaves the site.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const BASE = process.env.BASE ?? 'http://127.0.0.1:8080';
const SHOTS = process.env.SCREENSHOTS; // a folder: take screenshots of the main pages
const API = `${BASE}/api/v1/series/vesper%20tide`;

let browser;
let forbidden = [];

async function json(url) {
  const r = await fetch(url);
  assert.equal(r.status, 200, url);
  return r.json();
}

const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const wholeWord = (hay, word) => new RegExp(`(^|[^\\p{L}\\p{N}])${escapeRe(word)}($|[^\\p{L}\\p{N}])`, 'u').test(hay);

before(async () => {
  // What a reader at S1E1 must not see: names first seen later and titles of later episodes,
  // unless the S1E1 articles themselves contain the words.
  const early = await json(`${API}/episodes/S1E1?as_of=S1E1`);
  const earlyText = early.articles.flatMap((a) => [...a.recap, ...a.review, a.title ?? '']).join('\n');
  const earlyCast = new Set((await json(`${API}/cast?as_of=S1E1`)).cast.flatMap((c) => [c.name, ...c.aliases]));
  const lateCast = (await json(`${API}/cast?as_of=latest`)).cast.flatMap((c) => [c.name, ...c.aliases]);
  const names = lateCast.filter((n) => !earlyCast.has(n) && !wholeWord(earlyText, n));
  const titles = (await json(`${API}/episodes?as_of=latest`)).episodes
    .filter((e) => e.episode.season > 1 || e.episode.episode > 1)
    .map((e) => e.title)
    .filter((t) => t && t !== 'Vesper Tide' && !wholeWord(earlyText, t));
  forbidden = [...new Set([...names, ...titles])];
  assert.ok(forbidden.includes('Unmasked'), `later titles are checked: ${forbidden}`);
  assert.ok(forbidden.length > 5, `later names are checked: ${forbidden}`);

  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      // No --user-data-dir: playwright refuses it in launch() and gives every launch a
      // fresh temporary profile of its own, which is what the flag was for.
    ],
  });
});

after(async () => {
  await browser?.close();
});

/// Fails when the rendered document holds a forbidden word anywhere, attributes included.
async function assertNoSpoilers(page, where) {
  const html = await page.content();
  // A search page repeats the reader's own query; that is not a spoiler.
  const typed = new URL(page.url()).searchParams.get('q') ?? '\u0000';
  const checked = html.split(typed).join('');
  for (const word of forbidden) {
    assert.ok(!wholeWord(checked, word), `${where} (${page.url()}) shows “${word}”, first seen after S1E1`);
  }
}

async function shot(page, name) {
  if (SHOTS) {
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
  }
}

test('a reader at S1E1 sees nothing from later episodes while browsing, searching and in the graph', async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } }); // a phone
  const page = await context.newPage();
  const dialogs = [];
  page.on('dialog', async (d) => { dialogs.push(d.message()); await d.dismiss(); });

  await page.goto(`${BASE}/`);
  await shot(page, 'home');
  await page.getByRole('link', { name: 'Vesper Tide', exact: true }).first().click();
  await page.waitForURL(/\/s\/vesper%20tide/);
  assert.match(await page.textContent('section.horizon'), /Not chosen yet/);

  // Set the horizon with the picker: the URL and the cookie carry it.
  await page.selectOption('select#as_of', 'S1E1');
  await page.click('section.horizon button[type=submit]');
  await page.waitForURL(/as_of=S1E1/);
  const cookies = await context.cookies();
  assert.ok(cookies.some((c) => c.name === 'previously_asof' && c.value.includes('S1E1')), 'the horizon is remembered');
  assert.match(await page.textContent('section.horizon'), /seen up to\s*S1E1/);
  await assertNoSpoilers(page, 'series page');
  await shot(page, 'series');

  // Follow a character link from the cast.
  await page.click('ul.cast a:text-is("Edda Vane")');
  await page.waitForURL(/\/entity\/Edda%20Vane\?as_of=S1E1/);
  await assertNoSpoilers(page, 'entity page');
  assert.ok(!(await page.content()).includes('Lamplighter'), 'Edda Vane is not tied to the Lamplighter at S1E1');
  await shot(page, 'entity');

  // Open the episode from "first seen" and follow a linked name in the recap.
  await page.click('section.profile a[href*="/e/S1E1"]');
  await page.waitForURL(/\/e\/S1E1\?as_of=S1E1/);
  await assertNoSpoilers(page, 'episode page');
  await shot(page, 'episode');
  await page.locator('article.recap a.entity').first().click();
  await page.waitForURL(/\/entity\/.*as_of=S1E1/);
  await assertNoSpoilers(page, 'entity page from the recap');

  // Search: matches are highlighted, nothing past the horizon is found.
  await page.fill('nav.sub input[name=q]', 'Lamplighter');
  await page.click('nav.sub button[type=submit]');
  await page.waitForURL(/search\?as_of=S1E1&q=Lamplighter/);
  assert.ok((await page.locator('ol.hits mark').count()) > 0, 'matches are highlighted');
  for (const ep of await page.locator('ol.hits > li > a').allTextContents()) {
    assert.match(ep, /^S1E1 /, 'every hit is from S1E1');
  }
  await assertNoSpoilers(page, 'search page');
  await shot(page, 'search');

  // The graph, tooltips included.
  await page.click('nav.sub a:text-is("Relationships")');
  await page.waitForURL(/graph\?as_of=S1E1/);
  assert.ok((await page.locator('figure.graph svg circle').count()) > 3, 'the graph has nodes');
  await assertNoSpoilers(page, 'graph page');
  await shot(page, 'graph');

  // Raising the horizon is one click, and the cookie follows.
  await page.click('a.raise');
  await page.waitForURL(/as_of=S1E2/);
  assert.match(await page.textContent('section.horizon'), /seen up to\s*S1E2/);
  assert.deepEqual(dialogs, []);
  await context.close();
});

test('a hostile recap renders as inert text', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const dialogs = [];
  page.on('dialog', async (d) => { dialogs.push(d.message()); await d.dismiss(); });
  const failures = [];
  page.on('pageerror', (e) => failures.push(String(e)));

  await page.goto(`${BASE}/s/vesper%20tide/e/S1E1?as_of=S1E1`);
  const html = await page.content();
  assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'), 'the hostile recap is on the page, as text');
  // Let anything that could run, run; then look at the live DOM.
  await page.waitForTimeout(300);
  const dom = await page.evaluate(() => ({
    scripts: document.querySelectorAll('script').length,
    images: document.querySelectorAll('img').length,
    iframes: document.querySelectorAll('iframe').length,
    handlers: [...document.querySelectorAll('*')].flatMap((el) => [...el.attributes].map((a) => a.name)).filter((n) => n.startsWith('on')),
    links: [...document.querySelectorAll('a[href]')].map((a) => a.getAttribute('href')).filter((h) => !h.startsWith('/') && !h.startsWith('#')),
  }));
  assert.deepEqual(dom, { scripts: 0, images: 0, iframes: 0, handlers: [], links: [] });
  // Clicking the text that was a link in the article goes nowhere.
  const before = page.url();
  await page.getByText('the light', { exact: false }).first().click();
  assert.equal(page.url(), before);
  assert.deepEqual(dialogs, []);
  assert.deepEqual(failures, []);
  await context.close();
});
