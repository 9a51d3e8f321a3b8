import { Controller, HttpCode, Post, Req } from '@nestjs/common';
import { Roles } from '../../auth/authenticated-user.js';
import { WebPages } from './web-page.decorator.js';
import type { WebRequest } from './web-session.guard.js';

/**
 * "Stay signed in": the timeout warning's request. The guard already reset the session's idle clock
 * (and checked the CSRF token); the answer says how long the session now has.
 */
@WebPages()
@Controller('session')
export class SessionController {
  @Post('keep-alive')
  @HttpCode(200)
  @Roles('staff', 'director', 'counsel', 'auditor', 'admin')
  keepAlive(@Req() request: WebRequest): { secondsLeft: number } {
    return { secondsLeft: request.sessionSecondsLeft ?? 0 };
  }
}
