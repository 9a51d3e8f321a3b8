import { Controller, HttpCode, Inject, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ProblemResponses } from '../../http/openapi.js';
import { EnrollmentLinkResponseDto } from '../user.response.dto.js';
import type { HttpConfig } from '@ledger/ledger';
import { HTTP_CONFIG } from '../../infrastructure/tokens.js';
import { type AuthenticatedUser, CurrentUser, Roles } from '../../auth/authenticated-user.js';
import { IssueEnrollmentLinkCommand } from './issue-enrollment-link.command.js';

/** Where an enrollment link opens: under `LEDGER_PUBLIC_URL`, never a request's `Host`, which the caller chooses. */
export function enrollmentUrl(http: Pick<HttpConfig, 'publicUrl'>, secret: string): string {
  return `${http.publicUrl}/enroll/${secret}`;
}

@ApiTags('users')
@Controller('v1/users/:userId/enrollment')
export class IssueEnrollmentLinkHttpController {
  constructor(
    private readonly commands: CommandBus,
    @Inject(HTTP_CONFIG) private readonly http: HttpConfig,
  ) {}

  /** A one-time link (valid 24 h) at which the user sets their web password; every earlier link of the user stops working. */
  @Post()
  @ApiOperation({ summary: 'Issue a one-time enrollment link to a user' })
  @HttpCode(201)
  @Roles('admin')
  @ApiCreatedResponse({ description: 'The link, shown this once', type: EnrollmentLinkResponseDto })
  @ProblemResponses([400, '`userId` is not a UUID'], [404, 'Unknown user'], [409, 'The user has no username to sign in with, or is deactivated'])
  async issue(@Param('userId', new ParseUUIDPipe()) userId: string, @CurrentUser() user: AuthenticatedUser) {
    const link = await this.commands.execute(new IssueEnrollmentLinkCommand(userId, user));
    return { enrollmentUrl: enrollmentUrl(this.http, link.secret), expiresAt: link.expiresAt, position: link.position };
  }
}
