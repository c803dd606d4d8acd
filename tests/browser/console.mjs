// console.mjs - the marketer console in a real headless Chromium
// (Debian's chromium, driven by playwright-core), against ppxd behind
// nginx started by tests/browser/console.sh.
//
// Environment: BASE (http://127.0.0.1:PORT), KEY (the demo's API key),
// PW (the users' password), SHOTS (a directory for the screenshots),
// CHROMIUM (the browser; default /usr/bin/chromium).
// Prints one "ok:" or "FAIL:" line per check; exits 1 if any failed.
import { chromium } from 'playwright-core';

const { BASE, KEY, PW, SHOTS } = process.env;
const exe = process.env.CHROMIUM || '/usr/bin/chromium';
let passed = 0, failed = 0;

function check(ok, what) {
  if (ok) { passed++; console.log(`ok: ${what}`); }
  else { failed++; console.log(`FAIL: ${what}`); }
}

const order = `order=1042&expected=${new Date(Date.now() + 2 * 86400e3)
  .toISOString().slice(0, 10)}&category=running-shoes`;
const stageUrl = `${BASE}/v1/brands/demo/stages/shipped.xml?${order}`;

async function stageHas(request, name) {
  const r = await request.get(stageUrl, { headers: { Authorization: `Bearer ${KEY}` } });
  return (await r.text()).includes(`name="${name}"`);
}

// A fresh browser context (its own cookies) logged in as email.
async function loginAs(browser, email, shot) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await ctx.newPage();
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) check(false, `CSP violation: ${m.text()}`);
  });
  await page.goto(`${BASE}/admin/login`);
  if (shot) await page.screenshot({ path: `${SHOTS}/login.png`, fullPage: true });
  await page.fill('#email', email);
  await page.fill('#password', PW);
  await Promise.all([page.waitForURL(/\/admin\/brands$/), page.click('button[type=submit].primary')]);
  check(page.url().endsWith('/admin/brands'), `${email} logs in`);
  return { ctx, page };
}

const browser = await chromium.launch({ executablePath: exe, args: ['--no-sandbox'] });
try {
  // A marketer's day: the brands, the grid, a touchpoint off and on.
  const { ctx, page } = await loginAs(browser, 'anne@shop.example', true);
  await page.screenshot({ path: `${SHOTS}/brands.png`, fullPage: true });
  await Promise.all([page.waitForURL(/\/admin\/brands\/demo$/), page.click('a.tile[href="/admin/brands/demo"]')]);
  await page.screenshot({ path: `${SHOTS}/grid.png`, fullPage: true });
  const cookies = await ctx.cookies();
  const sess = cookies.find((c) => c.name === 'ppx_session');
  check(sess && sess.httpOnly && sess.sameSite === 'Strict', 'session cookie is HttpOnly, SameSite=Strict');

  check(await stageHas(ctx.request, 'voorpret'), 'the stage endpoint has voorpret');
  await Promise.all([page.waitForLoadState('load'),
    page.click('button[title="Switch voorpret off in shipped"]')]);
  await page.waitForSelector('button[title="Switch voorpret on in shipped"]');
  check(!(await stageHas(ctx.request, 'voorpret')), 'switched off in the browser: the stage endpoint drops it');
  await page.screenshot({ path: `${SHOTS}/grid-off.png`, fullPage: true });

  // The schedule form works without JavaScript (a plain <details>).
  await page.click('#shipped details summary');
  await page.screenshot({ path: `${SHOTS}/grid-schedule.png`, fullPage: true });
  await Promise.all([page.waitForLoadState('load'),
    page.click('button[title="Switch voorpret on in shipped"]')]);
  await page.waitForSelector('button[title="Switch voorpret off in shipped"]');
  check(await stageHas(ctx.request, 'voorpret'), 'switched on again: the stage endpoint has it');

  // A POST without the CSRF token, with the session cookie: refused.
  const forged = await ctx.request.post(`${BASE}/admin/brands/demo/touchpoints`, {
    form: { action: 'off', stage: 'shipped', tp: 'voorpret' } });
  check(forged.status() === 403, `a CSRF-less POST gets 403 (got ${forged.status()})`);
  check(await stageHas(ctx.request, 'voorpret'), 'and changes nothing');

  // Copy: a bad placeholder is refused; a good text shows in the preview
  // and at the endpoint.
  const expected = new Date(Date.now() + 2 * 86400e3).toISOString().slice(0, 10);
  await page.goto(`${BASE}/admin/brands/demo/copy?lang=nl&stage=shipped&first_name=Anne&expected=${expected}`);
  const intro = page.locator('tr[id="voorpret.intro"] input[name=text]');
  await intro.fill('Hallo {voornaam}!');
  await Promise.all([page.waitForLoadState('load'), page.locator('tr[id="voorpret.intro"] button').click()]);
  check((await page.content()).includes('unknown placeholder {voornaam}'), 'an unknown placeholder is refused');
  await page.screenshot({ path: `${SHOTS}/copy-refused.png`, fullPage: true });
  await page.goto(`${BASE}/admin/brands/demo/copy?lang=nl&stage=shipped&first_name=Anne&expected=${expected}`);
  await page.locator('tr[id="voorpret.intro"] input[name=text]').fill('Hallo {first_name}, bijna daar!');
  await Promise.all([page.waitForLoadState('load'), page.locator('tr[id="voorpret.intro"] button').click()]);
  await page.goto(`${BASE}/admin/brands/demo/copy?lang=nl&stage=shipped&first_name=Anne&expected=${expected}`);
  const frame = page.frameLocator('iframe.fragment');
  await frame.locator('body').waitFor();
  check((await frame.locator('body').innerText()).includes('Hallo Anne, bijna daar!'), 'the preview shows the new copy');
  const html = await ctx.request.get(`${BASE}/v1/brands/demo/stages/shipped.html?order=1042&lang=nl&first_name=Anne&expected=${expected}`,
    { headers: { Authorization: `Bearer ${KEY}` } });
  check((await html.text()).includes('Hallo Anne, bijna daar!'), 'the stage endpoint has the new copy');
  await page.screenshot({ path: `${SHOTS}/copy.png`, fullPage: true });

  // A translator's round trip: export the .po, change it, import it
  // through the page's file field; a bad file is refused whole.
  const stageHtml = async () => (await (await ctx.request.get(
    `${BASE}/v1/brands/demo/stages/shipped.html?order=1042&lang=nl&first_name=Anne&expected=${expected}`,
    { headers: { Authorization: `Bearer ${KEY}` } })).text());
  const po = await (await ctx.request.get(`${BASE}/admin/brands/demo/copy.po?lang=nl`)).text();
  check(po.includes('msgstr "Hallo {first_name}, bijna daar!"'), 'the .po export has the new copy');
  const translated = po.replace('msgstr "Hallo {first_name}, bijna daar!"', 'msgstr "Goedemorgen {first_name}!"');
  const upload = async (text) => {
    await page.setInputFiles('form.import input[type=file]',
      { name: 'demo-nl.po', mimeType: 'text/x-gettext-translation', buffer: Buffer.from(text) });
    await Promise.all([page.waitForLoadState('load'), page.click('form.import button')]);
  };
  await upload(translated);
  check(/imported=1$/.test(page.url()), `the import answers with the copy page (${page.url().replace(BASE, '')})`);
  check((await page.locator('p.notice').innerText()).includes('Imported: 1 text changed'), 'the import says what it changed');
  check((await stageHtml()).includes('Goedemorgen Anne!'), 'the stage endpoint has the imported copy');
  await page.screenshot({ path: `${SHOTS}/copy-imported.png`, fullPage: true });
  await upload(translated.replace('Goedemorgen {first_name}!', 'Goedemorgen {voornaam}!'));
  check((await page.locator('p.alert').innerText()).includes('unknown placeholder {voornaam}'), 'a .po with an unknown placeholder is refused');
  check((await stageHtml()).includes('Goedemorgen Anne!'), 'and changes nothing');
  await page.screenshot({ path: `${SHOTS}/copy-import-refused.png`, fullPage: true });

  await page.goto(`${BASE}/admin/brands/demo/results`);
  check(await page.locator('svg.chart rect').count() > 0, 'the results page draws the clicks');
  await page.screenshot({ path: `${SHOTS}/results.png`, fullPage: true });

  await page.goto(`${BASE}/admin/brands/demo/audit`);
  check((await page.content()).includes('touchpoint shipped/voorpret switched'), 'the audit log shows the change');
  await page.screenshot({ path: `${SHOTS}/audit.png`, fullPage: true });

  // The brand's admin adds a marketer on the users page.
  await page.goto(`${BASE}/admin/brands/demo/users`);
  await page.fill('form.add input[name=email]', 'lena@shop.example');
  await page.selectOption('form.add select[name=role]', 'marketer');
  await page.fill('form.add input[name=password]', 'lena gets this in person');
  await Promise.all([page.waitForURL(/users\?done=add$/), page.click('form.add button')]);
  check((await page.locator('table.users').innerText()).includes('lena@shop.example'), 'an admin adds a user');
  await page.screenshot({ path: `${SHOTS}/users.png`, fullPage: true });
  await ctx.close();

  // A viewer sees the grid without controls; a change is refused.
  const v = await loginAs(browser, 'vera@shop.example', false);
  await v.page.goto(`${BASE}/admin/brands/demo`);
  check(await v.page.locator('button.switch').count() === 0, 'a viewer gets no switches');
  const vcsrf = await v.page.locator('input[name=csrf]').first().getAttribute('value');
  const vpost = await v.ctx.request.post(`${BASE}/admin/brands/demo/touchpoints`, {
    form: { csrf: vcsrf, action: 'off', stage: 'shipped', tp: 'voorpret' } });
  check(vpost.status() === 403, `a viewer's change gets 403 (got ${vpost.status()})`);
  await v.page.screenshot({ path: `${SHOTS}/viewer.png`, fullPage: true });
  await v.page.click('header a[href="/admin/account"]');
  check(await v.page.locator('#current').count() === 1, 'every user reaches their password page');
  await v.page.screenshot({ path: `${SHOTS}/account.png`, fullPage: true });
  await v.ctx.close();

  // A user of another brand typing this brand's URL.
  const o = await loginAs(browser, 'otto@shop.example', false);
  const resp = await o.page.goto(`${BASE}/admin/brands/demo`);
  check(resp.status() === 404, `another brand's user gets 404 (got ${resp.status()})`);
  await o.page.screenshot({ path: `${SHOTS}/other-brand.png`, fullPage: true });
  await o.ctx.close();
  const plain = await browser.newContext();
  check(await stageHas(plain.request, 'voorpret'), 'the stage endpoint still has voorpret');
  await plain.close();

  // The customer's side: the recycling claim page a fragment links to,
  // on a phone, under the page's own Content-Security-Policy.
  const cust = await browser.newContext({ viewport: { width: 390, height: 760 } });
  const frag = await cust.request.get(`${BASE}/v1/brands/demo/touchpoints/recycle.html`
    + '?stage=delivered&order=7001&lang=nl&sku=RUN-42&category=running-shoes',
  { headers: { Authorization: `Bearer ${KEY}` } });
  const link = (await frag.text()).match(/href="([^"]*\/v1\/recycle\/[^"]*)"/);
  check(link !== null, 'the recycle fragment links to its claim page');
  if (link) {
    const cp = await cust.newPage();
    const blocked = [];
    cp.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) blocked.push(m.text()); });
    const first = await cp.goto(link[1].replace(/&amp;/g, '&'));
    check(first.status() === 200, `the claim page opens (got ${first.status()})`);
    await cp.screenshot({ path: `${SHOTS}/recycle-page.png`, fullPage: true });
    const [claim] = await Promise.all([
      cp.waitForResponse((r) => r.request().method() === 'POST'),
      cp.click('form button[type=submit]')]);
    await cp.waitForLoadState('load');
    check(claim.status() === 200 && (await cp.locator('main').innerText())
      .includes('Dank je! Je retour is aangemeld.'), 'one click on the claim page registers the return');
    await cp.screenshot({ path: `${SHOTS}/recycle-thanks.png`, fullPage: true });
    check(blocked.length === 0, `the claim page breaks none of its CSP (${blocked.length} reports)`);
  }
  await cust.close();
} catch (e) {
  check(false, `browser run: ${e.message.split('\n')[0]}`);
} finally {
  await browser.close();
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
