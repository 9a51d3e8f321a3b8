// The README's screenshots, made again: starts the built ledger (`npm run build` first) on a fresh data
// directory, records a few sample cases through the API as the people who would, and photographs the
// pages in Debian's Chromium (playwright-core, /usr/bin/chromium) into docs/screenshots/.
//
//   npm run build && node scripts/readme-screenshots.mjs [output dir, default docs/screenshots]
//
// The sample people and cases are made up; nothing here reads or writes anything but a temporary folder
// and the output folder.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { URLSearchParams } from 'node:url';
import { chromium } from 'playwright-core';

const root = resolve(import.meta.dirname, '..');
const out = resolve(process.argv[2] ?? join(root, 'docs', 'screenshots'));
const work = mkdtempSync(join(tmpdir(), 'ledger-screenshots-'));

const port = await new Promise((done, fail) => {
  const probe = createServer().once('error', fail);
  probe.listen(0, '127.0.0.1', () => {
    const { port: free } = probe.address();
    probe.close(() => done(free));
  });
});
const base = `http://127.0.0.1:${port}`;
const server = spawn(process.execPath, [join(root, 'dist/apps/api/src/main.js')], {
  env: { ...process.env, PORT: String(port), LEDGER_DATA_DIR: join(work, 'data'), LEDGER_KEYS_DIR: join(work, 'keys'), LEDGER_PUBLIC_URL: base, LEDGER_MFA_REQUIRED_ROLES: '', LEDGER_TIMEZONE: 'America/New_York', LEDGER_LOG_LEVEL: 'warn' },
  stdio: ['ignore', 'inherit', 'inherit'],
});

try {
  for (let tries = 0; ; tries++) {
    const up = await fetch(`${base}/health`).then((answer) => answer.ok, () => false);
    if (up) break;
    if (tries > 120 || server.exitCode !== null) throw new Error('The ledger did not start');
    await sleep(250);
  }
  const adminToken = readFileSync(join(work, 'data', 'admin-token'), 'utf8').trim();

  const api = async (token, method, path, body) => {
    const answer = await fetch(`${base}${path}`, { method, headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: body && JSON.stringify(body) });
    if (!answer.ok) throw new Error(`${method} ${path}: ${answer.status} ${await answer.text()}`);
    return answer.status === 204 ? null : answer.json();
  };

  /** A person with a username and a password set through their enrollment link, as they would. */
  const person = async (role, name) => {
    const username = `${name.split(' ')[0].toLowerCase()}.${role}`;
    const created = await api(adminToken, 'POST', '/v1/users', { name, role, username });
    const link = await api(adminToken, 'POST', `/v1/users/${created.userId}/enrollment`, {});
    const path = new URL(link.enrollmentUrl).pathname;
    const form = await fetch(`${base}${path}`);
    const cookie = form.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())[1];
    const password = `correct horse ${username} staple`;
    const set = await fetch(`${base}${path}`, { method: 'POST', redirect: 'manual', headers: { Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ _csrf: csrf, password, confirmation: password }) });
    if (set.status !== 303) throw new Error(`No password for ${username}: ${set.status}`);
    return { ...created, username, password };
  };

  const staff = await person('staff', 'Maria Lopez');
  const director = await person('director', 'Ann Smith');
  const counsel = await person('counsel', 'Jane Doe');
  const auditor = await person('auditor', 'Omar Haddad');

  // Sample cases: a patron at the desk, a police request with a subpoena now with counsel, a parent refused.
  const hour = 3_600_000;
  const now = Date.now();
  const at = (hoursAgo) => new Date(now - hoursAgo * hour).toISOString();
  await api(staff.token, 'POST', '/v1/cases', { requester: { kind: 'patron', name: 'Robin Park' }, channel: 'in_person', patron: { ref: '29876543210001' }, requestedCategories: ['checkouts'], identification: [{ kind: 'library_card' }, { kind: 'photo_id' }] });
  const police = await api(staff.token, 'POST', '/v1/cases', {
    requester: { kind: 'law_enforcement', name: 'Det. Rowan Hale', agency: 'Hartford Police Department', badgeNumber: '4471' },
    channel: 'in_person', patron: { ref: '29876543210002' }, requestedCategories: ['circulation_history'], identification: [{ kind: 'officer_credentials' }], occurredAt: at(30),
  });
  await api(staff.token, 'POST', `/v1/cases/${police.caseId}/director-referrals`, { note: 'The detective is waiting at the desk.' });
  await api(director.token, 'POST', `/v1/cases/${police.caseId}/legal-instruments`, {
    type: 'subpoena', issuedBy: 'Superior Court, Hartford', court: 'Superior Court, Judicial District of Hartford', docketNumber: 'HHD-CR26-0001',
    servedAt: at(26), returnDate: new Date(now + 9 * 24 * hour).toISOString(), scope: { categories: ['circulation_history'] }, nondisclosureOrder: false,
  });
  await api(director.token, 'POST', `/v1/cases/${police.caseId}/counsel-referrals`, { counselUserId: counsel.userId, note: 'Please advise before the return date.' });
  const parent = await api(staff.token, 'POST', '/v1/cases', { requester: { kind: 'parent_or_guardian', name: 'Sam Rivera' }, channel: 'phone', patron: { ref: '29876543210003' }, requestedCategories: ['checkouts'], identification: [] });
  await api(staff.token, 'POST', `/v1/cases/${parent.caseId}/refusals`, { reason: 'No identification was offered on the phone.' }).catch(() => undefined);
  // A desk case the photograph of the desk shows as it is first seen.
  const desk = await api(staff.token, 'POST', '/v1/cases', {
    requester: { kind: 'law_enforcement', name: 'Officer Lee Grant', agency: 'State Police' }, channel: 'in_person', patron: { ref: '29876543210004' }, requestedCategories: ['circulation_history'], identification: [{ kind: 'officer_credentials' }],
  });
  await api(director.token, 'POST', '/v1/designees', { userId: staff.userId, from: at(1), to: new Date(now + 7 * 24 * hour).toISOString() });

  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
  mkdirSync(out, { recursive: true });
  const shots = [
    [staff, [[`/cases/${desk.caseId}`, '03-case-law-enforcement-at-desk']]],
    [director, [['/board', '04-director-board'], ['/roster', '18-roster']]],
    [auditor, [['/audit/register', '10-auditor-register'], ['/audit/stats', '12-auditor-stats'], ['/audit/integrity', '14-auditor-integrity']]],
  ];
  for (const [who, pages] of shots) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${base}/sign-in`);
    await page.getByLabel('Username').fill(who.username);
    await page.getByLabel('Password').fill(who.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForLoadState('domcontentloaded');
    for (const [path, name] of pages) {
      await page.goto(`${base}${path}`);
      await page.screenshot({ path: join(out, `${name}.png`), fullPage: true });
      console.log(`${name}.png`);
    }
    await context.close();
  }
  await browser.close();
} finally {
  server.kill('SIGTERM');
  await new Promise((done) => (server.exitCode !== null ? done() : server.once('exit', done)));
  rmSync(work, { recursive: true, force: true });
}
