import { Module } from '@nestjs/common';
import { ExportCommand } from './commands/export.command.js';
import { RebuildCommand } from './commands/rebuild.command.js';
import { RetentionCommand } from './commands/retention.command.js';
import { VerifyCommand } from './commands/verify.command.js';

@Module({ providers: [VerifyCommand, ExportCommand, RebuildCommand, RetentionCommand] })
export class CliModule {}
