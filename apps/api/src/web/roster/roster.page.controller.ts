import { Body, Controller, Get, Inject, Param, ParseUUIDPipe, Post, Query, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Response } from 'express';
import type { DirectoryUser, IdentityDirectory } from '@ledger/projections';
import { Roles } from '../../auth/authenticated-user.js';
import { DesigneeRoster } from '../../auth/designee-roster.js';
import { AppointDesigneeCommand } from '../../designees/appoint-designee/appoint-designee.command.js';
import { AppointDesigneeRequestDto } from '../../designees/appoint-designee/appoint-designee.request.dto.js';
import { EndDesigneeAppointmentCommand } from '../../designees/end-designee-appointment/end-designee-appointment.command.js';
import { type Clock, CLOCK, IDENTITY_DIRECTORY } from '../../infrastructure/tokens.js';
import { PageRenderer, pageOf } from '../shared/page.renderer.js';
import { type FormBody, type FormErrors, formErrors, NO_ERRORS, type Refusal, refusalOf, text, validateAs } from '../shared/web-form.js';
import { WebPages } from '../shared/web-page.decorator.js';
import type { WebRequest } from '../shared/web-session.guard.js';
import { appointmentInstants, rosterRows } from './roster-page.model.js';

const CONFIRMATIONS = {
  appointed: 'The designee is appointed. They hold the Director’s powers from the first day to the end of the last.',
  ended: 'The appointment is ended: from now on they hold none of the Director’s powers.',
} as const;

/** What the form's fields mean in the messages beside them (the command's own words are for developers). */
const FORM_MESSAGES: Record<string, string> = {
  userId: 'Select the member of staff to appoint',
  from: 'Enter the first day of the appointment',
  to: 'Enter the last day of the appointment',
};

/** The form's control for each field of the command: the error summary links to it. */
const CONTROL_OF: Record<string, string> = { userId: 'userId', from: 'firstDay', to: 'lastDay' };

interface Failed {
  readonly form: 'appoint' | 'end';
  readonly errors: FormErrors;
  readonly refusal: Refusal | null;
  readonly values: FormBody;
}

export interface RosterPageModel {
  readonly title: string;
  readonly rows: ReturnType<typeof rosterRows>;
  readonly staff: readonly DirectoryUser[];
  readonly failed: Failed | null;
  readonly confirmation: string | null;
}
const ROSTER_PAGE = pageOf<RosterPageModel>('/roster/roster');

/**
 * The director's designee roster (`/roster`): who holds the director's powers, from when and until
 * when, with forms to appoint a member of staff and to end an appointment: the same commands as
 * `POST /v1/designees` and `DELETE /v1/designees/:userId`.
 */
@WebPages()
@Controller('roster')
export class RosterPageController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly commands: CommandBus,
    private readonly roster: DesigneeRoster,
    @Inject(IDENTITY_DIRECTORY) private readonly directory: IdentityDirectory,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @Roles('director')
  async show(@Req() request: WebRequest, @Res() response: Response, @Query('recorded') recorded?: string): Promise<void> {
    const confirmation = recorded && Object.hasOwn(CONFIRMATIONS, recorded) ? CONFIRMATIONS[recorded as keyof typeof CONFIRMATIONS] : null;
    await this.render(request, response, null, 200, confirmation);
  }

  @Post()
  @Roles('director')
  async appoint(@Body() body: FormBody, @Req() request: WebRequest, @Res() response: Response): Promise<void> {
    const { from, to } = appointmentInstants(body, this.pages.timeZone);
    const validated = await validateAs(AppointDesigneeRequestDto, { userId: text(body, 'userId'), from, to }, '', FORM_MESSAGES);
    if ('errors' in validated) return this.render(request, response, { form: 'appoint', errors: onControls(validated.errors), refusal: null, values: body }, 400);
    try {
      await this.commands.execute(new AppointDesigneeCommand(validated.value.userId, validated.value.from, validated.value.to, request.user!));
    } catch (error) {
      const refusal = refusalOf(error);
      if (!refusal) throw error;
      // A refusal about one field (the last day before the first, someone not on the staff) is shown beside it.
      const message = refusal.field === 'to' ? 'The last day must be the first day or after it' : refusal.field === 'userId' ? 'Only a member of staff can be a designee' : null;
      if (message) return this.render(request, response, { form: 'appoint', errors: onControls(formErrors([{ field: refusal.field!, message }])), refusal: null, values: body }, refusal.status);
      return this.render(request, response, { form: 'appoint', errors: NO_ERRORS, refusal, values: body }, refusal.status);
    }
    response.redirect(303, '/roster?recorded=appointed');
  }

  /** Ends every appointment of the user in force or to come, now. */
  @Post(':userId/end')
  @Roles('director')
  async end(@Param('userId', new ParseUUIDPipe()) userId: string, @Req() request: WebRequest, @Res() response: Response): Promise<void> {
    try {
      await this.commands.execute(new EndDesigneeAppointmentCommand(userId, request.user!));
    } catch (error) {
      const refusal = refusalOf(error);
      if (!refusal) throw error;
      return this.render(request, response, { form: 'end', errors: NO_ERRORS, refusal, values: {} }, refusal.status);
    }
    response.redirect(303, '/roster?recorded=ended');
  }

  private async render(request: WebRequest, response: Response, failed: Failed | null, status: number, confirmation: string | null = null): Promise<void> {
    const users = this.directory.listUsers();
    const nameOf = (userId: string) => users.find((u) => u.userId === userId)?.name ?? 'A former user';
    const { appointments } = await this.roster.roster();
    this.pages.send(
      response,
      request,
      ROSTER_PAGE,
      {
        title: 'Designees',
        rows: rosterRows(appointments, nameOf, this.clock.now().toISOString()),
        staff: users.filter((u) => u.role === 'staff').sort((a, b) => a.name.localeCompare(b.name)),
        failed,
        confirmation,
      },
      status,
    );
  }
}

/** The command's field names (`from`, `to`) as the form's controls (`firstDay`, `lastDay`). */
function onControls(errors: FormErrors): FormErrors {
  return formErrors(errors.list.map((e) => ({ field: CONTROL_OF[e.field] ?? e.field, message: e.message })));
}
