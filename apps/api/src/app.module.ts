import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { AccessLogModule } from './access-log/access-log.module.js';
import { BearerAuthGuard } from './auth/bearer-auth.guard.js';
import { FailedAuthenticationLimiter } from './auth/failed-authentication.limiter.js';
import { HealthHttpController } from './health/health.http.controller.js';
import { GracefulShutdown } from './http/graceful-shutdown.js';
import { IdempotencyInterceptor } from './http/idempotency.interceptor.js';
import { ProblemDetailsFilter } from './http/problem-details.filter.js';
import { createValidationPipe } from './http/validation.js';
import { WellFormedTextPipe } from './http/well-formed-text.pipe.js';
import { IdentityModule } from './identity/identity.module.js';
import { LedgerInfrastructureModule, type LedgerInfrastructureOptions } from './infrastructure/ledger-infrastructure.module.js';
import { ViewsModule } from './views/views.module.js';
import { HTTP_CONFIG } from './infrastructure/tokens.js';
import type { HttpConfig } from '@ledger/ledger';
import { PatronsModule } from './patrons/patrons.module.js';
import { DesigneesModule } from './designees/designees.module.js';
import { VendorsModule } from './vendors/vendors.module.js';
import { CasesModule } from './cases/cases.module.js';
import { LedgerLogModule } from './ledger-log/ledger-log.module.js';
import { RetentionModule } from './retention/retention.module.js';
import { IncidentsModule } from './incidents/incidents.module.js';
import { WebModule } from './web/web.module.js';
import { TransparencyModule } from './transparency/transparency.module.js';
import { SignInPageController } from './web/sign-in/sign-in.page.controller.js';
import { MetricsModule } from './metrics/metrics.module.js';
import { SecondFactorsModule } from './identity/second-factors/second-factors.module.js';
import { MailModule } from './mail/mail.module.js';

/** The HTTP server's settings, for every module (links built from `LEDGER_PUBLIC_URL`, session lifetimes, cookies). */
@Module({})
class HttpConfigModule {}

@Module({})
export class AppModule {
  static forRoot(options: LedgerInfrastructureOptions & { readonly http: HttpConfig }): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CqrsModule.forRoot(),
        { module: HttpConfigModule, global: true, providers: [{ provide: HTTP_CONFIG, useValue: options.http }], exports: [HTTP_CONFIG] },
        LedgerInfrastructureModule.forRoot(options), IdentityModule, SecondFactorsModule, AccessLogModule, ViewsModule, PatronsModule, DesigneesModule, VendorsModule, CasesModule, LedgerLogModule, RetentionModule, IncidentsModule, TransparencyModule, MailModule, WebModule, MetricsModule.forRoot(options.http),
      ],
      // The sign-in page sits here, beside the failed-authentication limiter it shares with the bearer guard.
      controllers: [HealthHttpController, SignInPageController],
      providers: [
        FailedAuthenticationLimiter,
        GracefulShutdown,
        { provide: APP_GUARD, useClass: BearerAuthGuard },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
        { provide: APP_PIPE, useClass: WellFormedTextPipe },
        { provide: APP_PIPE, useFactory: createValidationPipe },
      ],
    };
  }
}
