import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { RecordWellnessCheckHandler } from './record-wellness-check/record-wellness-check.handler.js';
import { RecordWellnessCheckHttpController } from './record-wellness-check/record-wellness-check.http.controller.js';

/** Wellness checks: a law-enforcement case opened and closed in one decision. */
@Module({
  imports: [CqrsModule],
  controllers: [RecordWellnessCheckHttpController],
  providers: [RecordWellnessCheckHandler],
})
export class WellnessChecksModule {}
