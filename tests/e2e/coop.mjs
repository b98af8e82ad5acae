// Browser walk of the technical-cooperation repository in Debian's headless Chromium, driven by
// playwright-core: the coordinator of Slovenia asks for cooperation from a recommendation's page
// (the recommendation comes ticked), publishes the need; a provider (UNDP) logs in, records an
// offer, finds the need among the open needs filtered by kind of help, proposes a match with a
// message; the coordinator sees the proposal on the need with the ranked offers and their
// scores explained part by part, and accepts it; both sides then see the match accepted, with
// its history; a visitor sees the public need but not the exchange's forms. One browser context
// per person. Prints "PASS name" / "FAIL name" lines and keeps a screenshot of every step in
// $SCREENSHOTS (default build/e2e) as coop-*.png.
// Usage: node tests/e2e/coop.mjs BASE_URL COORD_LOGIN PROVIDER_LOGIN PASSWORD
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';

const [base, coordLogin, providerLogin, password] = process.argv.slice(2);
const shots = process.env.SCREENSHOTS || 'build/e2e';
mkdirSync(shots, { recursive: true });
const REC = 'SVN-UPR34-121.1';
const NEED = 'Support to ratify the Convention on Enforced Disappearance';
const OFFER = 'Treaty ratification advice';
let failed = 0;
const check = (name, ok, detail = '') => {
  console.log(`${ok ? 'PASS' : 'FAIL'} e2e coop: ${name}${ok || !detail ? '' : ': ' + detail}`);
  if (!ok) failed++;
};

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
         '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const person = async () => {
  const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1200, height: 900 } });
  return context.newPage();
};
const shot = async (page, name) => page.screenshot({ path: `${shots}/coop-${name}.png`, fullPage: true });
const step = async (name, fn) => {
  try { await fn(); } catch (e) { check(name, false, String(e).split('\n')[0]); }
};
const submit = async (page, form) => {
  await Promise.all([page.waitForNavigation(), form.locator('button[type=submit]').first().click()]);
};
const notice = async (page) => (await page.locator('.notice').first().textContent().catch(() => '')) || '';
const login = async (page, who) => {
  await page.goto(base + '/login');
  await page.fill('input[name=login]', who);
  await page.fill('input[name=password]', password);
  await Promise.all([page.waitForNavigation(), page.press('input[name=password]', 'Enter')]);
  return (await page.locator('form[action="/logout"]').count()) > 0;
};

const coord = await person();
const provider = await person();
const visitor = await person();
let needUrl = '', matchUrl = '';

await step('the State publishes a need', async () => {
  check('the coordinator logs in', await login(coord, coordLogin));
  check('the navigation leads to the cooperation', (await coord.locator('nav.site-nav a[href="/coop"]').count()) === 1);
  await coord.goto(`${base}/recommendations/${REC}`);
  const ask = coord.locator('a', { hasText: 'Ask for technical cooperation on this' });
  check('the recommendation offers to ask for cooperation', (await ask.count()) === 1);
  await Promise.all([coord.waitForNavigation(), ask.click()]);
  const form = coord.locator('form[action="/coop/needs"]');
  check('the recommendation comes ticked', await form.locator(`input[name=rec][value="${REC}"]`).isChecked());
  await form.locator('input[name=title]').fill(NEED);
  await form.locator('textarea[name=description]').fill('Advice on the law needed to ratify and on the reports due.');
  await form.locator('input[name=kind][value=legal_drafting]').check();
  await form.locator('input[name=kind][value=policy_advice]').check();
  await form.locator('input[name=languages]').fill('en, fr');
  await form.locator('select[name=visibility]').selectOption('public');
  await shot(coord, '01-need-form');
  await submit(coord, form);
  check('the need is recorded', (await notice(coord)).includes('Need recorded.'));
  needUrl = coord.url().split('?')[0];
  check('its page is /coop/needs/N', /\/coop\/needs\/\d+$/.test(needUrl), needUrl);
  check('it is public', (await coord.locator('dd .badge', { hasText: 'Public' }).count()) === 1);
  await shot(coord, '02-need');
});

await step('the provider finds it and proposes', async () => {
  check('the provider logs in', await login(provider, providerLogin));
  await provider.goto(base + '/coop');
  await Promise.all([provider.waitForNavigation(), provider.click('a[href="/coop/offers/new"]')]);
  let form = provider.locator('form[action="/coop/offers"]');
  await form.locator('input[name=title]').fill(OFFER);
  await form.locator('textarea[name=description]').fill('Legal and policy advice to ratify human rights treaties, enforced disappearance included.');
  await form.locator('input[name=kind][value=legal_drafting]').check();
  await form.locator('input[name=kind][value=policy_advice]').check();
  await form.locator('input[name=sdg][value="16"]').check();
  await form.locator('input[name=languages]').fill('en');
  await submit(provider, form);
  check('the offer is recorded', (await notice(provider)).includes('Offer recorded.'));
  await shot(provider, '03-offer');

  await provider.goto(base + '/coop');
  await provider.selectOption('select[name=kind]', 'legal_drafting');
  await Promise.all([provider.waitForNavigation(), provider.locator('form.search button[type=submit]').click()]);
  const link = provider.locator('section[aria-labelledby=needs] a', { hasText: NEED });
  check('the need is among the open needs filtered by kind', (await link.count()) >= 1);
  await shot(provider, '04-needs');
  await Promise.all([provider.waitForNavigation(), link.first().click()]);
  form = provider.locator('form', { has: provider.locator('input[name=side][value=offer]') });
  check('the need page offers to propose one of its offers', (await form.count()) === 1);
  await form.locator('select[name=offer]').selectOption({ label: OFFER });
  await form.locator('textarea[name=comment]').fill('We can start next month.');
  await submit(provider, form);
  check('the match is proposed', (await notice(provider)).includes('Match proposed'));
  matchUrl = provider.url().split('?')[0];
  check('the match shows its score by parts', (await provider.locator('table.score tbody tr').count()) === 8);
  await shot(provider, '05-proposed');
});

await step('the State accepts', async () => {
  await coord.goto(needUrl);
  check('the proposal is on the need', (await coord.locator(`a[href="${new URL(matchUrl).pathname}"]`).count()) >= 1);
  check('ranked offers are shown with their parts', (await coord.locator('li.ranked table.score').count()) >= 1);
  await shot(coord, '06-need-proposal');
  await coord.goto(matchUrl);
  check('the message is shown', (await coord.locator('.narrative', { hasText: 'We can start next month.' }).count()) === 1);
  await coord.locator('summary', { hasText: 'Accept' }).click();
  const form = coord.locator('form', { has: coord.locator('input[name=to][value=accepted]') });
  await form.locator('textarea[name=comment]').fill('Welcome: our focal point will write.');
  await submit(coord, form);
  check('the match is accepted', (await notice(coord)).includes('Match accepted.'));
  await shot(coord, '07-accepted');
});

await step('both sides see the final state', async () => {
  await provider.goto(matchUrl);
  check('the provider sees it accepted', (await provider.locator('dd .badge', { hasText: 'Accepted' }).count()) === 1);
  check('the history keeps the note', (await provider.locator('#history ~ .table-wrap td', { hasText: 'Welcome: our focal point will write.' }).count()) === 1);
  check('the provider may now start it', (await provider.locator('input[name=to][value=in_progress]').count()) === 1);
  await shot(provider, '08-provider-final');
  await coord.goto(needUrl);
  check('the State sees it accepted on the need', (await coord.locator('#matches ~ .table-wrap .badge', { hasText: 'Accepted' }).count()) === 1);
  await visitor.goto(needUrl);
  check('a visitor sees the public need', (await visitor.locator('h2.need-title', { hasText: NEED }).count()) === 1);
  check('a visitor gets no form', (await visitor.locator('main form[method=post]').count()) === 0);
  await shot(visitor, '09-visitor');
});

await browser.close();
process.exit(failed ? 1 : 0);
