import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AppointDesigneeHandler } from './appoint-designee/appoint-designee.handler.js';
import { AppointDesigneeHttpController } from './appoint-designee/appoint-designee.http.controller.js';
import { EndDesigneeAppointmentHandler } from './end-designee-appointment/end-designee-appointment.handler.js';
import { EndDesigneeAppointmentHttpController } from './end-designee-appointment/end-designee-appointment.http.controller.js';

/** The director's designees (`roster-main`). */
@Module({
  imports: [CqrsModule],
  controllers: [AppointDesigneeHttpController, EndDesigneeAppointmentHttpController],
  providers: [AppointDesigneeHandler, EndDesigneeAppointmentHandler],
})
export class DesigneesModule {}
