import { type RosterState, activeAppointmentOf, appointmentEndsAt, isActiveDesignee, ROSTER_STREAM, rosterDecider } from '@ledger/domain';
import type { CommandPipeline, LoadedStream } from '@ledger/ledger';

export interface DesigneeAppointment {
  readonly active: boolean;
  readonly from: string | null;
  readonly to: string | null;
}

/**
 * Whether a staff member holds the director's law-enforcement powers at a given moment. Read from
 * the roster stream itself on every question, so an appointment ended a moment ago is already
 * ended here, on every instance: the folded roster is kept, and each question reads only the
 * events recorded after it.
 */
export class DesigneeRoster {
  private latest: LoadedStream<RosterState> = { state: rosterDecider.initialState, head: null };

  constructor(private readonly pipeline: CommandPipeline) {}

  async roster(): Promise<RosterState> {
    const refreshed = await this.pipeline.refresh(ROSTER_STREAM, rosterDecider, this.latest);
    // Concurrent questions may refresh from the same point; keep whichever has seen the most.
    if ((refreshed.head?.revision ?? -1n) > (this.latest.head?.revision ?? -1n)) this.latest = refreshed;
    return refreshed.state;
  }

  async isActiveDesignee(userId: string, at: Date): Promise<boolean> {
    return isActiveDesignee(await this.roster(), userId, at.toISOString());
  }

  async appointmentOf(userId: string, at: Date): Promise<DesigneeAppointment> {
    const appointment = activeAppointmentOf(await this.roster(), userId, at.toISOString());
    return appointment ? { active: true, from: appointment.from, to: appointmentEndsAt(appointment) } : { active: false, from: null, to: null };
  }
}
