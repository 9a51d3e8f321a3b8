import type { LedgerAppHarness } from './ledger-app.harness.js';

/** A web user: created through the API with a username, enrolled through their link, password set. */
export interface WebUser {
  readonly userId: string;
  readonly username: string;
  readonly password: string;
  readonly token: string;
}

let counter = 0;

export async function enrolledUser(ledger: LedgerAppHarness, role: string, name: string): Promise<WebUser> {
  counter += 1;
  const username = `${role}${counter}.${name.split(' ')[0].toLowerCase()}`;
  const created = await ledger.http.post('/v1/users').set('Authorization', `Bearer ${ledger.adminToken}`).send({ name, role, username });
  if (created.status !== 201) throw new Error(`Could not create ${username}: ${created.status} ${JSON.stringify(created.body)}`);
  const password = `correct horse ${username} staple`;
  await setPassword(ledger, created.body.userId as string, password);
  return { userId: created.body.userId, username, password, token: created.body.token };
}

/** Issues an enrollment link through the API and uses it, as the user's browser would. */
export async function setPassword(ledger: LedgerAppHarness, userId: string, password: string): Promise<void> {
  const link = await ledger.http.post(`/v1/users/${userId}/enrollment`).set('Authorization', `Bearer ${ledger.adminToken}`).send({});
  if (link.status !== 201) throw new Error(`No enrollment link: ${link.status} ${JSON.stringify(link.body)}`);
  const path = new URL(link.body.enrollmentUrl as string).pathname;
  const form = await ledger.http.get(path);
  const cookie = form.headers['set-cookie'] as unknown as string[];
  const token = /name="_csrf" value="([^"]+)"/.exec(form.text)![1];
  const set = await ledger.http.post(path).set('Cookie', cookie.map((c) => c.split(';')[0]).join('; ')).type('form').send({ _csrf: token, password, confirmation: password });
  if (set.status !== 303) throw new Error(`Password not set: ${set.status}`);
}

/** A signed-in agent: its cookies and the session's CSRF token. */
export async function signIn(ledger: LedgerAppHarness, user: Pick<WebUser, 'username' | 'password'>) {
  const agent = (await import('supertest')).default.agent(ledger.app.getHttpServer());
  const form = await agent.get('/sign-in');
  const formToken = /name="_csrf" value="([^"]+)"/.exec(form.text)![1];
  const response = await agent.post('/sign-in').type('form').send({ _csrf: formToken, username: user.username, password: user.password });
  if (response.status !== 303) throw new Error(`Sign-in failed: ${response.status}`);
  const home = await agent.get(response.headers.location);
  const csrf = /name="csrf-token" content="([^"]+)"/.exec(home.text)?.[1] ?? '';
  return { agent, csrf, home: response.headers.location };
}
