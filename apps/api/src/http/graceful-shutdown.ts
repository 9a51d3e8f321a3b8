import { type BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { HttpConfig } from '@ledger/ledger';
import type { NextFunction, Request, Response } from 'express';
import type { Server } from 'node:http';
import { HTTP_CONFIG } from '../infrastructure/tokens.js';
import { PROBLEM_CONTENT_TYPE, type ProblemDetails, problemType } from './problem-details.js';

/** Seconds a client is asked to wait before retrying a request refused while the server shuts down. */
export const SHUTDOWN_RETRY_AFTER_SECONDS = 5;

const DEFAULT_GRACE_SECONDS = 10;

export const SHUTTING_DOWN: ProblemDetails = {
  type: problemType('shutting-down'),
  title: 'Service unavailable',
  status: 503,
  detail: 'The server is shutting down and takes no new requests; nothing was recorded. Retry in a few seconds.',
};

/**
 * The graceful drain, in one place. Nest runs `beforeApplicationShutdown` on SIGTERM (main.ts) and on
 * `app.close()`, before it closes the HTTP adapter and before `LedgerLifecycle` closes the log follower,
 * the views worker and the stores. So: the listening socket closes (no new connections), idle keep-alive
 * connections close, requests already in flight run to their answer (for at most the grace period), and a
 * request that still arrives on a connection left open is answered 503 before it touches anything.
 * Only a request still running when the grace period ends has its connection closed under it.
 */
@Injectable()
export class GracefulShutdown implements BeforeApplicationShutdown {
  private readonly logger = new Logger('Ledger');
  private draining = false;
  private readonly inFlight = new Set<Response>();
  private onIdle: (() => void) | null = null;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(HTTP_CONFIG) private readonly http: HttpConfig,
  ) {}

  /** Express middleware, mounted before every other: counts requests in flight and refuses new ones while draining. */
  readonly gate = (_request: Request, response: Response, next: NextFunction): void => {
    if (this.draining) {
      response.setHeader('Connection', 'close');
      response.setHeader('Retry-After', String(SHUTDOWN_RETRY_AFTER_SECONDS));
      response.status(503).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(SHUTTING_DOWN));
      return;
    }
    this.inFlight.add(response);
    response.once('close', () => {
      this.inFlight.delete(response);
      if (this.inFlight.size === 0) this.onIdle?.();
    });
    next();
  };

  async beforeApplicationShutdown(): Promise<void> {
    this.draining = true;
    const server = this.adapterHost.httpAdapter?.getHttpServer() as Server | undefined;
    if (server?.listening) server.close(); // stops accepting; Node also closes the idle keep-alive connections
    // Answers still to come end their connection, so no client sends another request down it.
    for (const response of this.inFlight) if (!response.headersSent) response.setHeader('Connection', 'close');
    if (this.inFlight.size > 0) {
      const graceMs = (this.http.shutdownGraceSeconds ?? DEFAULT_GRACE_SECONDS) * 1000;
      this.logger.log(`Shutting down: waiting up to ${graceMs / 1000} s for ${this.inFlight.size} request(s) in flight`);
      let timer: NodeJS.Timeout | undefined;
      const finished = await Promise.race([
        new Promise<true>((done) => (this.onIdle = () => done(true))),
        new Promise<false>((done) => (timer = setTimeout(() => done(false), graceMs))),
      ]);
      clearTimeout(timer);
      if (!finished) this.logger.warn(`Shutting down: ${this.inFlight.size} request(s) still running after ${graceMs / 1000} s; their connections are closed`);
    }
    server?.closeIdleConnections();
    this.logger.log('Shutting down: no requests in flight');
  }
}
