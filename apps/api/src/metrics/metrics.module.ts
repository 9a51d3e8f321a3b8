import { createServer, type Server } from 'node:http';
import { type DynamicModule, Inject, Injectable, Logger, Module, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { EventStore, HttpConfig, LedgerLog } from '@ledger/ledger';
import { EVENT_STORE, LEDGER_LOG } from '@ledger/ledger';
import type { LiveViews } from '@ledger/runtime';
import { HTTP_CONFIG, LIVE_VIEWS } from '../infrastructure/tokens.js';
import { LedgerMetrics } from './ledger-metrics.js';

/** `LEDGER_METRICS_PORT`: `GET /metrics` alone, without a token, on a port of its own (for a network only Prometheus reaches). */
@Injectable()
export class MetricsPortServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Metrics');
  private server: Server | undefined;

  constructor(
    private readonly metrics: LedgerMetrics,
    @Inject(HTTP_CONFIG) private readonly http: HttpConfig,
  ) {}

  /** The port it listens on (0 until it does). */
  get port(): number {
    const address = this.server?.address();
    return typeof address === 'object' && address ? address.port : 0;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.http.metricsPort === undefined) return;
    this.server = createServer((request, response) => {
      if ((request.method !== 'GET' && request.method !== 'HEAD') || new URL(request.url ?? '/', 'http://metrics').pathname !== '/metrics') {
        response.writeHead(404, { 'Content-Type': 'text/plain' }).end('Only GET /metrics here\n');
        return;
      }
      this.metrics.registry.metrics().then(
        (text) => response.writeHead(200, { 'Content-Type': this.metrics.registry.contentType }).end(text),
        () => response.writeHead(500, { 'Content-Type': 'text/plain' }).end('The metrics could not be collected\n'),
      );
    });
    await new Promise<void>((resolve, reject) => this.server!.once('error', reject).listen(this.http.metricsPort, resolve));
    this.logger.log(`Metrics on port ${this.port} (GET /metrics)`);
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

@Module({})
export class MetricsModule {
  static forRoot(http: HttpConfig): DynamicModule {
    return {
      module: MetricsModule,
      providers: [
        { provide: HTTP_CONFIG, useValue: http },
        {
          provide: LedgerMetrics,
          useFactory: (store: EventStore, views: LiveViews, log: LedgerLog) => new LedgerMetrics(store, views, log),
          inject: [EVENT_STORE, LIVE_VIEWS, LEDGER_LOG],
        },
        MetricsPortServer,
      ],
      exports: [LedgerMetrics, MetricsPortServer],
    };
  }
}
