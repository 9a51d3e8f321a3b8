import { Module } from '@nestjs/common';
import { TransparencyDesk } from './transparency-desk.js';
import { TransparencyHttpController } from './transparency.http.controller.js';

/** The library's public transparency reports: prepared by the director, approved by counsel (the public page is in the web module). */
@Module({
  controllers: [TransparencyHttpController],
  providers: [TransparencyDesk],
  exports: [TransparencyDesk],
})
export class TransparencyModule {}
