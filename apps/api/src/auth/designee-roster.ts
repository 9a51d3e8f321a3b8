import { Injectable } from '@nestjs/common';

export interface DesigneeAppointment {
  readonly active: boolean;
  readonly from: string | null;
  readonly to: string | null;
}

/** Whether a staff member holds the director's law-enforcement powers at a given moment. */
@Injectable()
export class DesigneeRoster {
  async appointmentOf(_userId: string, _at: Date): Promise<DesigneeAppointment> {
    return { active: false, from: null, to: null };
  }
}
