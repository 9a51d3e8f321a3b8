import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { WriteResponseDto } from '../http/write.response.dto.js';

export class IncidentRecordedDto extends WriteResponseDto {
  @ApiProperty() incidentId!: string;
}

export class NotificationRecordedDto extends WriteResponseDto {
  @ApiProperty() incidentId!: string;
  @ApiProperty() notificationId!: string;
}

class IncidentAffectedDto {
  @ApiProperty() patrons!: number;
  @ApiProperty({ type: [String], description: 'Pseudonyms of the patrons listed' }) pseudonyms!: string[];
  @ApiPropertyOptional() group?: string;
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
  @ApiProperty({ description: 'discoveredAt + LEDGER_BREACH_NOTICE_DAYS (at most, and by default, the jurisdiction\u2019s statutory period: 60 days in us-ct, 30 in us-ny)' }) noticeDeadline!: string;
  @ApiProperty({ type: IncidentNotificationsDto }) notifications!: IncidentNotificationsDto;
  @ApiProperty({ type: AwaitingNoticeDto }) awaitingNotice!: AwaitingNoticeDto;
  @ApiProperty({ description: 'Someone was or is not notified in time' }) overdue!: boolean;
  @ApiProperty() recordedAt!: string;
}

export class IncidentListDto {
  @ApiProperty({ type: [IncidentDto] }) items!: IncidentDto[];
}
