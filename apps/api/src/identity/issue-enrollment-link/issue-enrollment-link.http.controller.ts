import { Controller, HttpCode, Param, ParseUUIDPipe, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { ProblemResponses } from '../../http/openapi.js';
import { EnrollmentLinkResponseDto } from '../user.response.dto.js';
import type { Request } from 'express';
import { type AuthenticatedUser, CurrentUser, Roles } from '../../auth/authenticated-user.js';
import { IssueEnrollmentLinkCommand } from './issue-enrollment-link.command.js';

/** Where an enrollment link opens, on the server the admin called. */
export function enrollmentUrl(request: Request, secret: string): string {
  return `${request.protocol}://${request.get('host') ?? 'localhost'}/enroll/${secret}`;
}

@ApiTags('users')
@ApiBearerAuth()
@Controller('v1/users/:userId/enrollment')
export class IssueEnrollmentLinkHttpController {
  constructor(private readonly commands: CommandBus) {}

  /** A one-time link (valid 24 h) at which the user sets their web password; any earlier unused link stays valid until a password is set. */
  @Post()
  @HttpCode(201)
  @Roles('admin')
  @ApiCreatedResponse({ description: 'The link, shown this once', type: EnrollmentLinkResponseDto })
  @ProblemResponses([400, '`userId` is not a UUID'], [404, 'Unknown user'], [409, 'The user has no username to sign in with'])
  async issue(@Param('userId', new ParseUUIDPipe()) userId: string, @CurrentUser() user: AuthenticatedUser, @Req() request: Request) {
    const link = await this.commands.execute(new IssueEnrollmentLinkCommand(userId, user));
    return { enrollmentUrl: enrollmentUrl(request, link.secret), expiresAt: link.expiresAt, position: link.position };
  }
}
