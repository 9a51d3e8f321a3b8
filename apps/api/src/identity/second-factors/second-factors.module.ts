import { Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { LedgerConfig } from '@ledger/ledger';
import { LEDGER_CONFIG } from '../../infrastructure/tokens.js';
import { ResetSecondFactorsHttpController } from './reset-second-factors.http.controller.js';
import { SecondFactorSecretsStore } from './second-factor-secrets.store.js';
import { SECOND_FACTOR_SECRETS, SecondFactors } from './second-factors.service.js';

/** Second factors (TOTP, passkeys, recovery codes) and the admin's reset; the web pages that use them are in web/account. */
@Module({
  controllers: [ResetSecondFactorsHttpController],
  providers: [
    SecondFactors,
    {
      provide: SECOND_FACTOR_SECRETS,
      // In credentials.db, beside the password hashes, in tables of its own; sealed under a key derived from the keys dir.
      useFactory: (config: LedgerConfig) => new SecondFactorSecretsStore(config.paths.credentials, config.paths.blindIndexKey),
      inject: [LEDGER_CONFIG],
    },
  ],
  exports: [SecondFactors],
})
export class SecondFactorsModule implements OnApplicationShutdown {
  constructor(@Inject(SECOND_FACTOR_SECRETS) private readonly secrets: SecondFactorSecretsStore) {}

  onApplicationShutdown(): void {
    this.secrets.close();
  }
}
