import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { existsSync } from 'node:fs';
import { type LedgerConfig, writeAdminTokenFile } from '@ledger/ledger';
import type { IdentityDirectory } from '@ledger/projections';
import { IDENTITY_DIRECTORY, LEDGER_CONFIG } from '../infrastructure/tokens.js';
import { RegisterUserCommand } from './register-user/register-user.command.js';
import { SYSTEM_ACTOR } from './user-commands.js';

/**
 * First start on a ledger with no users: register an admin and hand its token over in
 * `<data dir>/admin-token` (mode 0600). The path is printed; the token never is.
 */
@Injectable()
export class BootstrapAdminService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Bootstrap');

  constructor(
    private readonly commands: CommandBus,
    @Inject(IDENTITY_DIRECTORY) private readonly directory: IdentityDirectory,
    @Inject(LEDGER_CONFIG) private readonly config: LedgerConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.directory.userCount() > 0) return;
    const file = this.config.paths.adminToken;
    if (existsSync(file)) {
      this.logger.warn(`${file} exists but the ledger has no users; leaving it alone`);
      return;
    }
    const admin = await this.commands.execute(new RegisterUserCommand('Administrator', 'admin', SYSTEM_ACTOR, 'admin'));
    writeAdminTokenFile(file, admin.token, { replace: false });
    this.logger.debug(`Created the first admin user; its token is in ${file} (readable by this account only)`);
  }
}
