// End-to-end test of the review page in headless chromium: starts build/sohoa serve
// on a free loopback port, uploads a generated dossier through the upload page,
// checks every field box is drawn where the record's bbox says, corrects a value by
// keyboard and sees it re-validated, signs, downloads the PDF and verifies it with
// `sohoa verify`. Screenshots go to WORK/artefacts/.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import assert from 'node:assert/strict';

const options = {};
for (let i = 2; i < process.argv.length; i += 2) options[process.argv[i].slice(2)] = process.argv[i + 1];
const require = createRequire(path.join(options.work, 'package.json'));
const { chromium } = require('playwright-core');

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'sohoa-browser-'));
const artefacts = path.join(options.work, 'artefacts');
fs.rmSync(artefacts, { recursive: true, force: true });
fs.mkdirSync(artefacts, { recursive: true });

function run(argv, what) {
  const r = spawnSync(argv[0], argv.slice(1), { encoding: 'utf8' });
  assert.equal(r.status, 0, `${what} failed: ${r.stderr}`);
  return r;
}

// Scans from a seed and the test PKI the signing tests use.
run([options.generator, '--seed', '7', '--out', path.join(scratch, 'gen'), '--dossiers', '1',
     '--profile', 'clean', '--formats', 'png'], 'sohoa-gen');
const pki = path.join(scratch, 'pki');
run(['/bin/bash', path.join(options.source, 'tests/unit/pdfsign/pki/make-test-pki.sh'), pki],
    'make-test-pki.sh');
const dossierDir = path.join(scratch, 'gen', 'input', 'hs-001');
const dossierJson = JSON.parse(fs.readFileSync(path.join(dossierDir, 'dossier.json'), 'utf8'));
const pageFiles = dossierJson.documents.flatMap((d) => d.files).map((f) => path.join(dossierDir, f));

// The server, on a port the kernel picks.
const data = path.join(scratch, 'data');
const server = spawn(options.sohoa, ['serve', '--data', data, '--listen', '127.0.0.1:0',
  '--sign-cert', path.join(pki, 'signer-rsa.pem'), '--sign-key', path.join(pki, 'signer-rsa.key')],
  { env: { ...process.env, SOHOA_PRIORITY_LOCK: path.join(scratch, 'priority.lock') },
    stdio: ['ignore', 'inherit', 'pipe'] });
let serverLog = '';
const base = await new Promise((resolve, reject) => {
  server.stderr.on('data', (chunk) => {
    serverLog += chunk;
    process.stderr.write(chunk);
    const m = /serving on (http:\/\/127\.0\.0\.1:\d+)\//.exec(serverLog);
    if (m) resolve(m[1]);
  });
  server.on('exit', (code) => reject(new Error(`sohoa serve exited with ${code}: ${serverLog}`)));
});
const serverExit = new Promise((resolve) => server.on('exit', (code) => resolve(code)));

const context = await chromium.launchPersistentContext(path.join(scratch, 'profile'), {
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
         '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  viewport: { width: 1600, height: 1000 },
  acceptDownloads: true,
});
// A full-page shot is taken as one tall frame at the current scroll position:
// the sticky header would show where the window was scrolled to (halfway down,
// after focus moved to a field) instead of on top. The shot is taken from the
// top, and the window put back where the clerk had it.
async function shoot(page, name) {
  const scrolled = await page.evaluate(() => window.scrollY);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(artefacts, name), fullPage: true });
  await page.evaluate((y) => window.scrollTo(0, y), scrolled);
}
let failed = false;
const pageErrors = [];
// Whatever happens, no server or browser outlives the test.
const watchdog = setTimeout(() => {
  console.error('browser review test: out of time');
  server.kill('SIGKILL');
  process.exit(1);
}, 360000);
process.on('uncaughtException', (error) => {
  console.error(error);
  server.kill('SIGKILL');
  process.exit(1);
});
try {
  const page = context.pages()[0] || await context.newPage();
  page.on('dialog', (dialog) => dialog.accept());  // "sign anyway?" for values a rule rejects
  page.on('pageerror', (error) => pageErrors.push(error));

  // Upload through the page, as a clerk would.
  await page.goto(base + '/');
  await page.fill('#clerk', 'Trần Thị B');
  await page.setInputFiles('#pages', pageFiles);
  await page.setInputFiles('#dossier-json', path.join(dossierDir, 'dossier.json'));
  await page.click('button[type=submit]');
  await page.waitForURL(/\/dossiers\//);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 240000 });
  const id = decodeURIComponent(new URL(page.url()).pathname.split('/').pop());
  const api = `${base}/api/dossiers/${encodeURIComponent(id)}`;
  const status = await (await page.request.get(api)).json();
  assert.equal(status.status, 'done');
  assert.ok(status.documents.length >= 2, 'both documents have records');
  await page.waitForFunction(() => [...document.images].every((img) => img.complete && img.naturalWidth > 0));
  await shoot(page, '1-review.png');

  // Every field with a box is drawn where its bbox says, scaled to the shown image.
  let boxes = 0;
  for (const record of status.documents) {
    for (const [fieldId, field] of Object.entries(record.fields)) {
      const [x, y, w, h] = field.bbox;
      const box = page.locator(`section[data-document="${record.document_id}"] ` +
                               `.page[data-page="${field.page}"] .box[data-field="${fieldId}"]`);
      if (!(w > 0 && h > 0)) {
        assert.equal(await box.count(), 0, `${fieldId}: no box without a bbox`);
        continue;
      }
      const info = record.pages[field.page - 1];
      const img = await page.locator(`section[data-document="${record.document_id}"] ` +
                                     `.page[data-page="${field.page}"] img`).boundingBox();
      const drawn = await box.boundingBox();
      assert.ok(drawn, `${record.document_id}/${fieldId} has a box`);
      const sx = img.width / info.width;
      const sy = img.height / info.height;
      const close = (a, b) => Math.abs(a - b) <= 2.5;  // the 3 px border sits inside the box
      assert.ok(close(drawn.x, img.x + x * sx) && close(drawn.y, img.y + y * sy) &&
                close(drawn.width, w * sx) && close(drawn.height, h * sy),
                `${record.document_id}/${fieldId}: drawn ${JSON.stringify(drawn)}, bbox ${field.bbox}`);
      ++boxes;
    }
  }
  assert.ok(boxes >= 10, `at least 10 field boxes drawn, got ${boxes}`);

  // A wrong value, typed as a clerk would: re-validated, flagged; then the right one
  // in another notation comes back normalized and turns green.
  const card = status.documents.find((d) => d.doc_type === 'citizen_id_card');
  assert.ok(card && card.fields.date_of_birth, 'the card has a date of birth');
  const row = page.locator(`section[data-document="${card.document_id}"] tr[data-field="date_of_birth"]`);
  const input = row.locator('input');
  await input.focus();
  await input.fill('31/02/2020');
  await input.press('Enter');
  await page.waitForFunction((el) => el.dataset.state === 'failed', await row.elementHandle());
  assert.equal(await input.inputValue(), '2020-02-31');
  assert.notEqual((await row.locator('.issue').textContent()).trim(), '');
  await shoot(page, '2-invalid-date.png');
  const [yy, mm, dd] = card.fields.date_of_birth.value.split('-');
  await input.fill(`${dd}/${mm}/${yy}`);
  await input.press('Enter');
  await page.waitForFunction((el) => el.dataset.state === 'confirmed', await row.elementHandle());
  assert.equal(await input.inputValue(), card.fields.date_of_birth.value);
  const boxClass = await page.locator(`section[data-document="${card.document_id}"] .box[data-field="date_of_birth"]`)
    .getAttribute('class');
  assert.match(boxClass, /confirmed/);

  // The wrong date raised the card's id number (its digits carry the birth year):
  // the row shows it, and the flag stays until a person confirms it.
  const idRow = page.locator(`section[data-document="${card.document_id}"] tr[data-field="id_number"]`);
  if (card.fields.id_number && !card.fields.id_number.needs_review) {
    assert.equal(await idRow.getAttribute('data-state'), 'review');
  }

  // Keyboard only: Enter confirms each field that still needs review, focus moves on.
  for (let guard = 0; guard < 60; ++guard) {
    const pending = await page.$$eval('tr[data-state="review"] input', (els) => els.length);
    if (pending === 0) break;
    await page.focus('tr[data-state="review"] input');
    const before = await page.evaluate(() => document.activeElement.dataset.field);
    await page.keyboard.press('Enter');
    await page.waitForFunction((f) => {
      const tr = document.activeElement.closest('tr');
      return !tr || tr.dataset.field !== f || tr.dataset.state !== 'review';
    }, before);
  }
  await shoot(page, '3-confirmed.png');

  // Accept and sign, then download and verify.
  await page.click('#sign');
  const link = page.locator('a.download').first();
  await link.waitFor({ timeout: 60000 });
  await shoot(page, '4-signed.png');
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  const pdf = path.join(artefacts, 'signed.pdf');
  await download.saveAs(pdf);
  const verify = spawnSync(options.sohoa, ['verify', pdf, '--trust', path.join(pki, 'root.pem'),
                                           '--lang', 'en'], { encoding: 'utf8' });
  assert.equal(verify.status, 0, `sohoa verify: ${verify.stdout}${verify.stderr}`);

  // The audit trail: who changed what, and when.
  const manifest = JSON.parse(fs.readFileSync(path.join(data, id, 'manifest.json'), 'utf8'));
  const edits = manifest.events.filter((e) => e.event === 'edit' && e.field === 'date_of_birth');
  assert.equal(edits.length, 2);
  assert.equal(edits[0].by, 'Trần Thị B');
  assert.equal(edits[0].old, card.fields.date_of_birth.value);
  assert.equal(edits[0].new, '2020-02-31');
  assert.ok(manifest.events.some((e) => e.event === 'sign'));
  assert.ok(manifest.documents.every((d) => d.status === 'failed' || d.signature));
  assert.deepEqual(pageErrors, [], 'no script error on the pages');
  console.log(`browser review test: ${boxes} boxes checked, signed PDF verified, screenshots in ${artefacts}`);
} catch (error) {
  failed = true;
  console.error(error);
} finally {
  await context.close();
  server.kill('SIGTERM');
  const code = await serverExit;
  if (code !== 0) {
    console.error(`sohoa serve exited with ${code}`);
    failed = true;
  }
  clearTimeout(watchdog);
  if (!process.env.SOHOA_KEEP_SCRATCH) fs.rmSync(scratch, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
