// Browser walk of the follow-up in Debian's headless Chromium, driven by playwright-core: the
// administrator adds an institution and the accounts of a coordinator and a focal point; the
// coordinator assigns a recommendation; the focal point finds it under "My institution's
// work", plans an action, writes a progress report, attaches an evidence file and submits it;
// the coordinator validates it; the public page shows the validated status beside nothing
// else; the coordinator downloads the implementation matrix (a zip: XLSX). One browser context
// per person. Prints "PASS name" / "FAIL name" lines (tests/run counts them) and keeps a
// screenshot of every step in $SCREENSHOTS (default build/e2e) as followup-*.png.
// Usage: node tests/e2e/followup.mjs BASE_URL ADMIN_LOGIN ADMIN_PASSWORD
import { chromium } from 'playwright-core';
import { mkdirSync, readFileSync } from 'node:fs';

const [base, adminLogin, adminPassword] = process.argv.slice(2);
const shots = process.env.SCREENSHOTS || 'build/e2e';
mkdirSync(shots, { recursive: true });
const REC = 'SVN-UPR34-121.1';
const PASSWORD = 'a-long-password-for-e2e';
let failed = 0;
const check = (name, ok, detail = '') => {
  console.log(`${ok ? 'PASS' : 'FAIL'} e2e followup: ${name}${ok || !detail ? '' : ': ' + detail}`);
  if (!ok) failed++;
};

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
         '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const person = async () => {
  const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1200, height: 900 },
                                             acceptDownloads: true });
  return context.newPage();
};
const shot = async (page, name) => page.screenshot({ path: `${shots}/followup-${name}.png`, fullPage: true });
const step = async (name, fn) => {
  try { await fn(); } catch (e) { check(name, false, String(e).split('\n')[0]); }
};
const submit = async (page, form) => {
  await Promise.all([page.waitForNavigation(), form.locator('button[type=submit]').first().click()]);
};
const notice = async (page) => (await page.locator('.notice').first().textContent().catch(() => '')) || '';
const login = async (page, login, password) => {
  await page.goto(base + '/login');
  await page.fill('input[name=login]', login);
  await page.fill('input[name=password]', password);
  await Promise.all([page.waitForNavigation(), page.press('input[name=password]', 'Enter')]);
  return (await page.locator('form[action="/logout"]').count()) > 0;
};

const admin = await person();
const coord = await person();
const focal = await person();
const visitor = await person();

await step('the administrator prepares', async () => {
  check('the administrator logs in', await login(admin, adminLogin, adminPassword));
  await admin.goto(base + '/institutions');
  const form = admin.locator('form[action="/institutions"]');
  await form.locator('input[name=code]').fill('MOJ');
  await form.locator('input[name=name]').fill('Ministry of Justice');
  await form.locator('select[name=kind]').selectOption('ministry');
  await form.locator('select[name=branch]').selectOption('executive');
  await submit(admin, form);
  check('an institution is added', (await notice(admin)).includes('Institution created.'));
  check('it is listed', (await admin.locator('th[scope=row]', { hasText: 'MOJ' }).count()) === 1);
  await shot(admin, '01-institutions');
  for (const [login, role, institution] of [['coord', 'coordinator', ''], ['fp', 'focal_point', 'MOJ']]) {
    await admin.goto(base + '/users');
    await admin.fill('#new-login', login);
    await admin.selectOption('#new-role', role);
    await admin.selectOption('#new-institution', institution);
    await admin.fill('#new-password', PASSWORD);
    await admin.fill('#new-password2', PASSWORD);
    await submit(admin, admin.locator('form', { has: admin.locator('#new-login') }));
    check(`the ${role} account is created`, (await notice(admin)).includes('Account created.'));
  }
  await shot(admin, '02-users');
});

await step('the coordinator assigns', async () => {
  check('the coordinator logs in', await login(coord, 'coord', PASSWORD));
  check('the navigation leads to the follow-up', (await coord.locator('nav.site-nav a[href="/followup"]').count()) === 1);
  await coord.goto(`${base}/recommendations/${REC}`);
  await coord.locator('summary', { hasText: 'Assign to an institution' }).click();
  const form = coord.locator('form[action$="/assign#followup"]').first();
  await form.locator('select[name=institution]').selectOption('MOJ');
  await form.locator('input[name=role][value=lead]').check();
  await form.locator('input[name=deadline]').fill('2030-06-30');
  await submit(coord, form);
  check('the assignment is saved', (await notice(coord)).includes('Assignment saved.'));
  check('the lead institution is shown',
        (await coord.locator('#followup td', { hasText: 'Lead institution' }).count()) === 1);
  await shot(coord, '03-assigned');
});

await step('the focal point reports', async () => {
  check('the focal point logs in', await login(focal, 'fp', PASSWORD));
  await focal.goto(base + '/followup');
  await Promise.all([focal.waitForNavigation(), focal.click('a[href="/my"]')]);
  check('"My institution\'s work" lists the recommendation',
        (await focal.locator(`a[href="/recommendations/${REC}#followup"]`).count()) > 0);
  await shot(focal, '04-my-work');
  await Promise.all([focal.waitForNavigation(), focal.locator(`a[href="/recommendations/${REC}#followup"]`).first().click()]);

  await focal.locator('summary', { hasText: 'Plan an action' }).click();
  let form = focal.locator('form[action$="/actions#followup"]').last();
  await form.locator('textarea[name=description]').fill('Draft the ratification bill');
  await form.locator('input[name=unit]').fill('Legal department');
  await form.locator('input[name=due]').fill('2030-03-31');
  await form.locator('input[name=budget]').fill('12000');
  await form.locator('input[name=currency]').fill('EUR');
  await submit(focal, form);
  check('the action is saved', (await notice(focal)).includes('Action saved.'));
  check('the action is listed', (await focal.locator('td', { hasText: 'Draft the ratification bill' }).count()) === 1);
  await shot(focal, '05-action');

  await focal.locator('summary', { hasText: 'Write a progress report' }).click();
  form = focal.locator('form[action$="/progress#followup"]');
  await form.locator('select[name=status]').selectOption('in_progress');
  await form.locator('textarea[name=narrative]').fill('The ratification bill is drafted and before the government.');
  await submit(focal, form);
  check('the draft is saved', (await notice(focal)).includes('Progress report saved as a draft.'));

  form = focal.locator('form[enctype="multipart/form-data"]').first();
  await form.locator('input[type=file]').setInputFiles({
    name: 'bill.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') });
  await submit(focal, form);
  check('the evidence file is attached', (await notice(focal)).includes('File attached.'));
  check('it is listed', (await focal.locator('.evidence a', { hasText: 'bill.pdf' }).count()) > 0);

  form = focal.locator('form[enctype="multipart/form-data"]').first();
  await form.locator('input[type=file]').setInputFiles({
    name: 'photo.pdf', mimeType: 'application/pdf', buffer: Buffer.from('\x89PNG\r\n\x1a\n0000IHDR', 'latin1') });
  await submit(focal, form);
  const alert = (await focal.locator('[role=alert]').first().textContent()) || '';
  check('a PNG sent as a PDF is refused with a message', alert.includes('not what its type says'), alert);
  await shot(focal, '06-evidence-refused');

  await focal.goto(`${base}/recommendations/${REC}`);
  await submit(focal, focal.locator('form', { has: focal.locator('input[name=do][value=submit]') }).first());
  check('the report is submitted', (await notice(focal)).includes('submitted for validation'));
  await shot(focal, '07-submitted');
});

await step('the coordinator validates', async () => {
  await coord.goto(base + '/validation');
  const report = coord.locator('article.report').first();
  check('the report waits in the queue', (await report.textContent()).includes('The ratification bill is drafted'));
  await report.locator('textarea[name=comment]').fill('Thank you: published.');
  await Promise.all([coord.waitForNavigation(), report.locator('button[value=validate]').click()]);
  check('the report is validated', (await notice(coord)).includes('validated'));
  await shot(coord, '08-validated');
});

await step('the public sees it', async () => {
  await visitor.goto(`${base}/recommendations/${REC}`);
  const state = visitor.locator('.state-view');
  check('the validated status is public', (await state.locator('.status').textContent()) === 'In progress');
  check('with its narrative', (await state.textContent()).includes('before the government'));
  check('and its evidence to download', (await state.locator('a[href^="/evidence/"]').count()) === 1);
  check('the independent assessments have their own box',
        (await visitor.locator('aside.independent').count()) === 1);
  check('no form for the public', (await visitor.locator('#followup form').count()) === 0);
  await shot(visitor, '09-public');
});

await step('the coordinator downloads the matrix', async () => {
  await coord.goto(base + '/reports');
  await shot(coord, '10-reports');
  const form = coord.locator('form[action="/reports/matrix"]');
  await form.locator('input[name=format][value=xlsx]').check();
  const [download] = await Promise.all([
    coord.waitForEvent('download'), form.locator('button[type=submit]').click()]);
  const bytes = readFileSync(await download.path());
  check('the matrix downloads as an XLSX file', download.suggestedFilename().endsWith('.xlsx'),
        download.suggestedFilename());
  check('the download is a zip (PK)', bytes.subarray(0, 2).toString('latin1') === 'PK');
});

await step('in French, on a phone', async () => {
  await focal.setViewportSize({ width: 360, height: 740 });
  await focal.goto(`${base}/recommendations/${REC}?lang=fr`);
  check('the follow-up is in French', (await focal.locator('#followup-title').textContent()) === 'Suivi');
  const overflow = await focal.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
  check('no horizontal scrolling at 360 px', !overflow);
  await shot(focal, '11-phone-fr');
});

await browser.close();
process.exit(failed ? 1 : 0);
