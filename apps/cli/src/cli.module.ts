import { Module } from '@nestjs/common';
import { VerifyCommand } from './commands/verify.command.js';

@Module({ providers: [VerifyCommand] })
export class CliModule {}
