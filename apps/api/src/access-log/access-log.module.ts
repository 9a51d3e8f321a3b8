import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { ListAccessLogHttpController } from './list-access-log/list-access-log.http.controller.js';
import { RecordAccessInterceptor } from './record-access.interceptor.js';

@Module({
  controllers: [ListAccessLogHttpController],
  providers: [{ provide: APP_INTERCEPTOR, useClass: RecordAccessInterceptor }],
})
export class AccessLogModule {}
