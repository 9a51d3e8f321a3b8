import type { Server } from 'node:http';
import supertest from 'supertest';
import { contractOf, type OpenApiContract, type OpenApiDocument } from './openapi-contract.js';

/**
 * Every JSON answer an e2e spec receives from the ledger is checked against the OpenAPI document that
 * same server serves (OpenApiContract): through supertest (the in-process app) and through fetch (the
 * server as a child process). An answer the document does not declare, or whose body its schema
 * refuses, fails the request it answered, as a failed `.expect()` would. Run by jest before each e2e spec
 * file (`setupFilesAfterEnv`), so a route is checked from the day it is written.
 */
const DOCUMENT_PATH = '/v1/openapi.json';

type Assert = (this: SupertestTest, resError: unknown, res: SupertestResponse | undefined, fn?: (error: unknown, res?: SupertestResponse) => void) => void;
interface SupertestResponse {
  readonly status: number;
  readonly body: unknown;
  readonly headers: Record<string, string | undefined>;
}
interface SupertestTest {
  readonly app: Server | string;
  readonly method: string;
  readonly url: string;
  assert: Assert;
}

async function documentFrom(get: () => Promise<{ status: number; body: unknown }>): Promise<OpenApiContract | null> {
  const answer = await get();
  const document = answer.body as OpenApiDocument & { info?: { title?: string } };
  // Only the ledger serves this document: any other server a spec talks to (an identity provider, a receiver) is not checked.
  if (answer.status !== 200 || document?.info?.title !== 'Disclosure Ledger API') return null;
  return contractOf(document);
}

const byServer = new WeakMap<object, Promise<OpenApiContract | null>>();
function contractOfServer(app: Server): Promise<OpenApiContract | null> {
  let contract = byServer.get(app);
  if (!contract) {
    contract = documentFrom(async () => {
      const response = await supertest(app).get(DOCUMENT_PATH);
      return { status: response.status, body: response.body };
    });
    byServer.set(app, contract);
  }
  return contract;
}

const Test = (supertest as unknown as { Test: { prototype: SupertestTest } }).Test;
const assert = Test.prototype.assert;
Test.prototype.assert = function (this: SupertestTest, resError, res, fn) {
  // The path as sent, `..` and all (new URL() would resolve it).
  const path = this.url.replace(/^https?:\/\/[^/]+/, '');
  if (!res || typeof this.app === 'string' || path === DOCUMENT_PATH) return assert.call(this, resError, res, fn);
  contractOfServer(this.app)
    .then((contract) => contract?.violation({ method: this.method, path, status: res.status, contentType: res.headers['content-type'], body: res.body }) ?? null)
    .then(
      (violation) => assert.call(this, resError, res, (error, answered) => fn?.call(this, error ?? (violation ? new Error(`OpenAPI contract: ${violation}`) : null), answered)),
      (error: unknown) => assert.call(this, resError, res, (first, answered) => fn?.call(this, first ?? error, answered)),
    );
};

const JSON_LIKE = /^application\/(?:[\w.-]+\+)?json/i;
const byOrigin = new Map<string, Promise<OpenApiContract | null>>();
const originalFetch = globalThis.fetch;
globalThis.fetch = async function checkedFetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
  const response = await originalFetch(input, init);
  const url = new URL(input instanceof Request ? input.url : String(input));
  if (!/^(127\.0\.0\.1|localhost|\[::1\])$/.test(url.hostname) || url.pathname === DOCUMENT_PATH) return response;
  if (!JSON_LIKE.test(response.headers.get('content-type') ?? '')) return response;
  let contract = byOrigin.get(url.origin);
  if (!contract) {
    contract = documentFrom(async () => {
      const answer = await originalFetch(`${url.origin}${DOCUMENT_PATH}`);
      return { status: answer.status, body: answer.ok ? await answer.json() : null };
    }).catch(() => {
      // Not answering now (stopping, say): ask again with the next answer.
      byOrigin.delete(url.origin);
      return null;
    });
    byOrigin.set(url.origin, contract);
  }
  const checked = await contract;
  if (!checked) return response;
  const text = await response.clone().text();
  const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
  const violation = checked.violation({ method, path: url.pathname + url.search, status: response.status, contentType: response.headers.get('content-type') ?? undefined, body: text ? JSON.parse(text) : undefined });
  if (violation) throw new Error(`OpenAPI contract: ${violation}`);
  return response;
};
