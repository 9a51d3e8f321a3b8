import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { CardReportRecorder } from './card-report.recorder.js';
import { GiveWrittenConsentHandler } from './give-written-consent/give-written-consent.handler.js';
import { GiveWrittenConsentHttpController } from './give-written-consent/give-written-consent.http.controller.js';
import { LinkPatronIdentifierHandler } from './link-patron-identifier/link-patron-identifier.handler.js';
import { LinkPatronIdentifierHttpController } from './link-patron-identifier/link-patron-identifier.http.controller.js';
import { ReportCardLostHandler } from './report-card-lost/report-card-lost.handler.js';
import { ReportCardLostHttpController } from './report-card-lost/report-card-lost.http.controller.js';
import { ReportCardReplacedHandler } from './report-card-replaced/report-card-replaced.handler.js';
import { ReportCardReplacedHttpController } from './report-card-replaced/report-card-replaced.http.controller.js';
import { RevokeWrittenConsentHandler } from './revoke-written-consent/revoke-written-consent.handler.js';
import { RevokeWrittenConsentHttpController } from './revoke-written-consent/revoke-written-consent.http.controller.js';

/** The patron desk: lost and replaced cards, written consents, linked identifiers (`patron-<blindIndex>` streams). */
@Module({
  imports: [CqrsModule],
  controllers: [ReportCardLostHttpController, ReportCardReplacedHttpController, GiveWrittenConsentHttpController, RevokeWrittenConsentHttpController, LinkPatronIdentifierHttpController],
  providers: [CardReportRecorder, ReportCardLostHandler, ReportCardReplacedHandler, GiveWrittenConsentHandler, RevokeWrittenConsentHandler, LinkPatronIdentifierHandler],
})
export class PatronsModule {}
