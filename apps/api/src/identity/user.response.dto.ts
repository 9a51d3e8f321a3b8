import { ApiProperty } from '@nestjs/swagger';
import { ROLES, type Role } from '@ledger/domain';

/** `POST /v1/users/:userId/tokens`: a new token, shown this once. */
export class IssuedTokenResponseDto {
  @ApiProperty({ description: 'The bearer token, shown this once (only its hash is kept)', example: 'dl_…' })
  token!: string;

  @ApiProperty({ description: 'Names the token in the ledger without revealing it' })
  tokenId!: string;

  @ApiProperty({ description: 'Position in the ledger (decimal string)', example: '42' })
  position!: string;
}

/** Who a user is, as `POST /v1/users` answers and `GET /v1/users` lists. */
export class UserSummaryDto {
  @ApiProperty()
  userId!: string;

  @ApiProperty({ example: 'Maria Lopez' })
  name!: string;

  @ApiProperty({ enum: ROLES })
  role!: Role;

  @ApiProperty({ nullable: true, type: String, description: 'The name the user signs in to the web application with (null when none was given)', example: 'mlopez' })
  username!: string | null;

  @ApiProperty({ nullable: true, type: String, description: 'Matched to a sign-in provider’s `email` claim (null when none was given)', example: 'mlopez@library.example' })
  email!: string | null;
}

/** `POST /v1/users`: the new user and their first token. */
export class RegisteredUserResponseDto extends UserSummaryDto {
  @ApiProperty({ description: 'The user\u2019s first bearer token, shown this once', example: 'dl_…' })
  token!: string;

  @ApiProperty({ description: 'Position in the ledger (decimal string)', example: '42' })
  position!: string;
}

export class DesigneeAppointmentDto {
  @ApiProperty({ description: 'An appointment is in force now' })
  active!: boolean;

  @ApiProperty({ nullable: true, type: String, description: 'ISO 8601; null when the user has no appointment in force or to come' })
  from!: string | null;

  @ApiProperty({ nullable: true, type: String })
  to!: string | null;
}

/** `GET /v1/me`. */
export class WhoAmIResponseDto {
  @ApiProperty()
  userId!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ enum: ROLES })
  role!: Role;

  @ApiProperty({ type: DesigneeAppointmentDto })
  designee!: DesigneeAppointmentDto;
}

/** `POST /v1/users/:userId/enrollment`: a one-time link to set the web password, shown this once. */
export class EnrollmentLinkResponseDto {
  @ApiProperty({ description: 'Opens the page where the user sets their password; usable once (only its hash is kept)', example: 'https://ledger.example.org/enroll/…' })
  enrollmentUrl!: string;

  @ApiProperty({ format: 'date-time', description: '24 hours after it was issued' })
  expiresAt!: string;

  @ApiProperty({ description: 'Position in the ledger (decimal string)', example: '42' })
  position!: string;
}

export const SECOND_FACTORS = ['totp', 'passkey'] as const;

/** One row of `GET /v1/users`. */
export class UserListItemDto extends UserSummaryDto {
  @ApiProperty({ description: 'False once deactivated: no token, session, password or link of theirs works' })
  active!: boolean;

  @ApiProperty({ enum: SECOND_FACTORS, isArray: true, description: 'The second factors the user has set up' })
  mfa!: (typeof SECOND_FACTORS)[number][];
}

/** `GET /v1/users`. */
export class UserListResponseDto {
  @ApiProperty({ type: [UserListItemDto] })
  items!: UserListItemDto[];
}
