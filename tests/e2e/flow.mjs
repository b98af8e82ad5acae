// Browser test of suivi's pages in Debian's headless Chromium, driven by playwright-core:
// log in, switch to French, search in French, filter by SDG, open a recommendation, switch
// to Spanish, log out. Prints "PASS name" / "FAIL name" lines (tests/run counts them) and
// keeps a screenshot of every step in $SCREENSHOTS (default build/e2e).
// Usage: node tests/e2e/flow.mjs BASE_URL LOGIN PASSWORD
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';

const [base, login, password] = process.argv.slice(2);
const shots = process.env.SCREENSHOTS || 'build/e2e';
mkdirSync(shots, { recursive: true });
let failed = 0;
const check = (name, ok, detail = '') => {
  console.log(`${ok ? 'PASS' : 'FAIL'} e2e: ${name}${ok || !detail ? '' : ': ' + detail}`);
  if (!ok) failed++;
};

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
         '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const page = await (await browser.newContext({ locale: 'en-GB', viewport: { width: 1200, height: 900 } })).newPage();
const shot = async (name) => page.screenshot({ path: `${shots}/${name}.png`, fullPage: true });
const step = async (name, fn) => {
  try { await fn(); } catch (e) { check(name, false, String(e).split('\n')[0]); }
};

await step('home page', async () => {
  await page.goto(base + '/');
  check('home page in English from Accept-Language', (await page.getAttribute('html', 'lang')) === 'en');
  await shot('01-home');
});
await step('log in', async () => {
  await page.goto(base + '/login');
  await page.fill('input[name=login]', login);
  await page.fill('input[name=password]', password);
  await Promise.all([page.waitForNavigation(), page.press('input[name=password]', 'Enter')]);
  const cookies = await page.context().cookies();
  const session = cookies.find((c) => c.name === 'suivi_session');
  check('log in sets an HttpOnly SameSite=Strict session cookie',
        !!session && session.httpOnly && session.sameSite === 'Strict');
  check('logged in: the page offers to log out', (await page.locator('form[action="/logout"]').count()) > 0);
  await shot('02-logged-in');
});
await step('switch to French', async () => {
  await page.click('a[hreflang=fr], a[lang=fr]');
  await page.waitForLoadState();
  check('the interface is in French', (await page.getAttribute('html', 'lang')) === 'fr');
  await shot('03-french');
});
await step('search in French', async () => {
  await page.goto(base + '/search');
  await page.fill('input[name=q]', 'enfants handicapés');
  await Promise.all([page.waitForNavigation(), page.press('input[name=q]', 'Enter')]);
  const marks = await page.locator('mark').count();
  check('French search finds the French text (stemmed, accents folded)', marks > 0);
  check('the results page is in French', (await page.getAttribute('html', 'lang')) === 'fr');
  await shot('04-search-fr');
});
await step('filter by SDG', async () => {
  await page.goto(base + '/search?q=women');
  const before = await page.locator('ol.results > li, .results li').count();
  await page.selectOption('select[name=sdg]', '5');
  await Promise.all([page.waitForNavigation(), page.locator('form[role=search] button[type=submit]').first().click()]);
  check('the SDG filter is in the URL', page.url().includes('sdg=5'));
  const after = await page.locator('ol.results > li, .results li').count();
  check('filtering by SDG 5 keeps some results', after > 0, `${after} results`);
  check('filtering by SDG 5 narrows the results or keeps them', after <= before);
  await shot('05-filter-sdg');
});
await step('open a recommendation', async () => {
  await Promise.all([page.waitForNavigation(), page.locator('a[href^="/recommendations/"]').first().click()]);
  check('the recommendation page opens', page.url().includes('/recommendations/'));
  check('the recommendation page shows its fields', (await page.locator('dl').count()) > 0);
  await shot('06-recommendation');
});
await step('switch to Spanish', async () => {
  await page.click('a[hreflang=es], a[lang=es]');
  await page.waitForLoadState();
  check('the interface is in Spanish', (await page.getAttribute('html', 'lang')) === 'es');
  check('still on the recommendation', page.url().includes('/recommendations/'));
  await shot('07-spanish');
});
await step('phone width', async () => {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto(base + '/search?q=torture');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
  check('no horizontal scrolling at 360 px', !overflow);
  await shot('08-phone');
});
await step('log out', async () => {
  await page.setViewportSize({ width: 1200, height: 900 });
  await page.goto(base + '/');
  await Promise.all([page.waitForNavigation(), page.locator('form[action="/logout"] button').first().click()]);
  check('logged out', (await page.locator('form[action="/logout"]').count()) === 0);
  await shot('09-logged-out');
});
await browser.close();
process.exit(failed ? 1 : 0);
