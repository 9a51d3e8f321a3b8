import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { BREACH_DATA_ELEMENTS } from '@ledger/domain';
import { WriteResponseDto } from '../http/write.response.dto.js';

export class IncidentRecordedDto extends WriteResponseDto {
  @ApiProperty() incidentId!: string;
}

export class IncidentWriteDto extends WriteResponseDto {
  @ApiProperty() incidentId!: string;
}

export class NoticeDelayRecordedDto extends IncidentWriteDto {
  @ApiProperty() delayId!: string;
}

export class AffectedPatronsAddedDto extends IncidentWriteDto {}

export class NotificationRecordedDto extends WriteResponseDto {
  @ApiProperty() incidentId!: string;
  @ApiProperty() notificationId!: string;
}

class PatronFoundLaterDto {
  @ApiProperty() pseudonym!: string;
  @ApiProperty({ description: 'When the patron was found affected: their notice clock runs from here' }) foundAt!: string;
  @ApiProperty({ description: 'The end of their notice period from foundAt: the library\u2019s midnight (LEDGER_TIMEZONE) after its last day, not counting the delays law enforcement asked for' }) noticeDeadline!: string;
}

class IncidentAffectedDto {
  @ApiProperty({ description: 'Every affected patron listed, those found later included' }) patrons!: number;
  @ApiProperty({ type: [String], description: 'Pseudonyms of the patrons listed' }) pseudonyms!: string[];
  @ApiPropertyOptional() group?: string;
  @ApiProperty({ type: [PatronFoundLaterDto], description: 'Patrons added after the incident was recorded' }) foundLater!: PatronFoundLaterDto[];
}

class AttorneyGeneralNoticeDto {
  @ApiProperty() notifiedAt!: string;
  @ApiProperty() recordedAt!: string;
  @ApiProperty({ description: 'False when a resident was notified before the Attorney General (`AG-NOTICE-LATE`)' }) beforeResidents!: boolean;
}

class NoticeDelayDto {
  @ApiProperty() delayId!: string;
  @ApiProperty() requestedBy!: string;
  @ApiProperty() from!: string;
  @ApiProperty() to!: string;
  @ApiProperty() recordedAt!: string;
}

class IncidentNotificationDto {
  @ApiProperty() notificationId!: string;
  @ApiPropertyOptional() patronPseudonym?: string;
  @ApiPropertyOptional() group?: string;
  @ApiProperty() method!: string;
  @ApiProperty() notifiedAt!: string;
  @ApiProperty({ description: 'Sent after the notice deadline' }) late!: boolean;
}

class IncidentNotificationsDto {
  @ApiProperty() count!: number;
  @ApiProperty() patronsNotified!: number;
  @ApiProperty() groupNotified!: boolean;
  @ApiProperty({ type: [IncidentNotificationDto] }) items!: IncidentNotificationDto[];
}

class AwaitingNoticeDto {
  @ApiProperty({ type: [String] }) pseudonyms!: string[];
  @ApiProperty() group!: boolean;
}

export class IncidentDto {
  @ApiProperty() incidentId!: string;
  @ApiProperty() discoveredAt!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ type: [String] }) systems!: string[];
  @ApiProperty({ type: IncidentAffectedDto }) affected!: IncidentAffectedDto;
  @ApiProperty({ enum: BREACH_DATA_ELEMENTS, isArray: true, nullable: true, description: 'What was exposed; null for incidents recorded before it was asked' })
  dataElements!: string[] | null;
  @ApiProperty({ enum: ['statute', 'policy'], nullable: true, description: 'The jurisdiction\u2019s breach statute (its personal information) or the policy alone requires the notices; null when not read' })
  noticeLaw!: 'statute' | 'policy' | null;
  @ApiProperty({ description: 'The end of LEDGER_BREACH_NOTICE_DAYS (at most, and by default, the jurisdiction\u2019s statutory period: 60 days in us-ct, 30 in us-ny) after discoveredAt, counted on the library\u2019s calendar (LEDGER_TIMEZONE): the day of discovery left out, the last day ending at the library\u2019s midnight (a UTC instant, like every time in the API); not counting the delays law enforcement asked for' }) noticeDeadline!: string;
  @ApiProperty({ type: AttorneyGeneralNoticeDto, nullable: true }) attorneyGeneral!: AttorneyGeneralNoticeDto | null;
  @ApiProperty({ type: [NoticeDelayDto] }) delays!: NoticeDelayDto[];
  @ApiProperty({ type: IncidentNotificationsDto }) notifications!: IncidentNotificationsDto;
  @ApiProperty({ type: AwaitingNoticeDto }) awaitingNotice!: AwaitingNoticeDto;
  @ApiProperty({ description: 'Someone was or is not notified in time' }) overdue!: boolean;
  @ApiProperty() recordedAt!: string;
}

export class IncidentListDto {
  @ApiProperty({ type: [IncidentDto] }) items!: IncidentDto[];
}
