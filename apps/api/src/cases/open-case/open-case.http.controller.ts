import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { type AuthenticatedUser, CurrentUser, Roles } from '../../auth/authenticated-user.js';
import { OpenCaseCommand } from './open-case.command.js';
import { OpenCaseRequestDto } from './open-case.request.dto.js';
import { ProblemResponses } from '../../http/openapi.js';
import { OpenCaseResponseDto } from './open-case.response.dto.js';

@ApiTags('cases')
@ApiBearerAuth()
@Controller('v1/cases')
export class OpenCaseHttpController {
  constructor(private readonly commands: CommandBus) {}

  /**
   * Records a request for patron information and evaluates it against the policy: the answer's
   * `evaluation` says whether staff may release (`route`), what (`permittedCategories`) and which rules fired.
   */
  @Post()
  @HttpCode(201)
  @Roles('staff', 'director')
  @ApiCreatedResponse({ description: 'The case, opened, with the policy\u2019s evaluation of the request', type: OpenCaseResponseDto })
  @ProblemResponses([400, 'Invalid body (each failed field in `errors[]`); `occurredAt` in the future or too far in the past'], [403, 'Only staff and the director open cases'], 409)
  async open(@Body() body: OpenCaseRequestDto, @CurrentUser() user: AuthenticatedUser) {
    return this.commands.execute(
      new OpenCaseCommand(
        {
          kind: body.requester.kind,
          name: body.requester.name,
          ...(body.requester.agency !== undefined && { agency: body.requester.agency }),
          ...(body.requester.badgeNumber !== undefined && { badgeNumber: body.requester.badgeNumber }),
        },
        body.channel,
        { ref: body.patron.ref, ...(body.patron.isMinor !== undefined && { isMinor: body.patron.isMinor }) },
        body.requestedCategories,
        (body.identification ?? []).map((id) => ({ kind: id.kind, ...(id.detail !== undefined && { detail: id.detail }) })),
        body.purpose,
        body.occurredAt,
        user,
      ),
    );
  }
}
