import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';

const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';

export class GetReceiptRequestDto {
  @ApiProperty({ description: 'the ids of the events the write appended, comma-separated (1 to 100), as the `Link: <…>; rel="receipt"` of its answer gives them' })
  @Matches(new RegExp(`^${UUID}(,${UUID}){0,99}$`), { message: 'events must be 1 to 100 event ids (UUIDs), comma-separated' })
  events!: string;
}
