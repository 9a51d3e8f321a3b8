import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsISO8601, IsString, Length } from 'class-validator';
import { AFFECTED_PATRONS_MAX, NAME_MAX, PATRON_REF_MAX } from '@ledger/domain';

export class RecordAttorneyGeneralNoticeRequestDto {
  @ApiProperty({ format: 'date-time', description: 'When the Office of the Attorney General was notified (not before discovery, not in the future, at most `LEDGER_MAX_BACKDATE_DAYS` back)' })
  @IsISO8601({ strict: true, strictSeparator: true })
  notifiedAt!: string;
}

export class RecordNoticeDelayRequestDto {
  @ApiProperty({ minLength: 1, maxLength: NAME_MAX, description: 'The law-enforcement agency (and officer) that asked for the delay', example: 'State Police, Computer Crimes Unit' })
  @IsString()
  @Length(1, NAME_MAX)
  requestedBy!: string;

  @ApiProperty({ format: 'date-time', description: 'From when notice is delayed (not before discovery, at most `LEDGER_MAX_BACKDATE_DAYS` back)' })
  @IsISO8601({ strict: true, strictSeparator: true })
  from!: string;

  @ApiProperty({ format: 'date-time', description: 'Until when (after `from`): the agency said notice would no longer impede its investigation, or the date it gave' })
  @IsISO8601({ strict: true, strictSeparator: true })
  to!: string;
}

export class AddAffectedPatronsRequestDto {
  @ApiProperty({ type: [String], minItems: 1, maxItems: AFFECTED_PATRONS_MAX, description: 'Card numbers or patron ids found affected later (stored as blind index and ciphertext only)' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(AFFECTED_PATRONS_MAX)
  @IsString({ each: true })
  @Length(1, PATRON_REF_MAX, { each: true })
  patronRefs!: string[];
}
