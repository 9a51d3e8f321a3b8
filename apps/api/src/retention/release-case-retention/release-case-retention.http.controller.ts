import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { type AuthenticatedUser, CurrentUser, Roles } from '../../auth/authenticated-user.js';
import { ProblemResponses } from '../../http/openapi.js';
import { WriteResponseDto } from '../../http/write.response.dto.js';
import { ReleaseCaseRetentionCommand } from './release-case-retention.command.js';
import { ReleaseCaseRetentionRequestDto } from './release-case-retention.request.dto.js';

class CaseRetentionReleasedDto extends WriteResponseDto {
  @ApiProperty() caseId!: string;
}

@ApiTags('retention')
@Controller('v1/retention/releases')
export class ReleaseCaseRetentionHttpController {
  constructor(private readonly commands: CommandBus) {}

  /** Counsel releases a case the schedule keeps `until_released` (law enforcement, an instrument, a violation): its identity becomes due. */
  @Post()
  @ApiOperation({ summary: 'Release a case kept until released, so its identity becomes due' })
  @HttpCode(201)
  @Roles('counsel')
  @ApiCreatedResponse({ type: CaseRetentionReleasedDto })
  @ProblemResponses(400, 404, [409, '`CASE-STATE`: released already, or no rule keeps the case until released'])
  async release(@Body() body: ReleaseCaseRetentionRequestDto, @CurrentUser() user: AuthenticatedUser) {
    return this.commands.execute(new ReleaseCaseRetentionCommand(body.caseId, body.reason, user));
  }
}
