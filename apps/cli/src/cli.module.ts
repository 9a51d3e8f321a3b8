import { Module } from '@nestjs/common';
import { AdminTokenCommand } from './commands/admin-token.command.js';
import { BackupCommand } from './commands/backup.command.js';
import { RestoreCommand } from './commands/restore.command.js';
import { ExportCommand } from './commands/export.command.js';
import { JurisdictionCommand } from './commands/jurisdiction.command.js';
import { RebuildCommand } from './commands/rebuild.command.js';
import { RetentionCommand } from './commands/retention.command.js';
import { RotateSigningKeyCommand } from './commands/rotate-signing-key.command.js';
import { VerifyCommand } from './commands/verify.command.js';
import { VerifyFileCommand } from './commands/verify-file.command.js';
import { WitnessCommand } from './commands/witness.command.js';
import { TransparencyCommand } from './commands/transparency.command.js';

@Module({ providers: [VerifyCommand, VerifyFileCommand, WitnessCommand, ExportCommand, RebuildCommand, RetentionCommand, AdminTokenCommand, BackupCommand, RestoreCommand, JurisdictionCommand, RotateSigningKeyCommand, TransparencyCommand] })
export class CliModule {}
