import request from 'supertest';
import type { TestOpenIdProvider } from './oidc-test-provider.js';

const pathOf = (url: URL) => `${url.pathname}${url.search}`;

/**
 * A browser at the provider: follows the authorization request to the sign-in form, signs in as `login`
 * (saying it used `amr`), and follows the provider's redirects until they leave it; answers where the
 * provider sends the browser back to (the ledger's callback, with `code`, `state` and `iss`).
 */
export async function signInAtProvider(provider: TestOpenIdProvider, authorizationUrl: string, login: string, amr = 'pwd'): Promise<URL> {
  const browser = request.agent(provider.issuer);
  const started = await browser.get(pathOf(new URL(authorizationUrl)));
  if (started.status !== 303) throw new Error(`The provider did not start an interaction: ${started.status} ${started.text}`);
  let answer = await browser.post(started.headers.location).type('form').send({ login, amr });
  for (let hops = 0; hops < 10; hops++) {
    const next = new URL(answer.headers.location, provider.issuer);
    if (answer.status < 300 || answer.status >= 400) throw new Error(`The provider answered ${answer.status}: ${answer.text}`);
    if (next.origin !== provider.issuer) return next;
    answer = await browser.get(pathOf(next));
  }
  throw new Error('The provider kept redirecting');
}

export { pathOf };
