import { ApiProperty } from '@nestjs/swagger';

export class InclusionProofResponseDto {
  @ApiProperty({ description: 'leaf index: the event’s place in $all, from 0' })
  index!: number;

  @ApiProperty({ description: 'tree size the proof is for' })
  size!: number;

  @ApiProperty({ description: 'the leaf hash, base64: SHA-256(0x00 ‖ leaf bytes)' })
  leaf!: string;

  @ApiProperty({ type: [String], description: 'the RFC 9162 audit path, base64' })
  hashes!: string[];
}

export class ConsistencyProofResponseDto {
  @ApiProperty()
  from!: number;

  @ApiProperty()
  to!: number;

  @ApiProperty({ type: [String], description: 'the RFC 9162 consistency proof, base64' })
  hashes!: string[];
}

export class ReceiptEventResponseDto extends InclusionProofResponseDto {
  @ApiProperty()
  eventId!: string;

  @ApiProperty({ description: 'the event’s stream, e.g. `case-<id>`' })
  stream!: string;
}

export class EventProofResponseDto extends ReceiptEventResponseDto {
  @ApiProperty({ nullable: true, type: String, description: 'the signed checkpoint of `size` (C2SP signed note); null if the log signed none at exactly that size' })
  checkpoint!: string | null;
}

export class ReceiptResponseDto {
  @ApiProperty({ description: 'the signed checkpoint every proof leads to (C2SP signed note, with the witnesses’ cosignature lines kept so far)' })
  checkpoint!: string;

  @ApiProperty({ description: 'the checkpoint’s size' })
  size!: number;

  @ApiProperty({ description: 'the checkpoint’s root hash, base64' })
  root!: string;

  @ApiProperty({ type: [ReceiptEventResponseDto], description: 'each event the write appended, in the order written, with its inclusion proof to the checkpoint' })
  events!: ReceiptEventResponseDto[];
}

/** A text answer (a signed note or a verifier key), for the OpenAPI document. */
export const TEXT_ANSWER = { 'text/plain; charset=utf-8': { schema: { type: 'string' as const } } };

export class KeyRotationResponseDto {
  @ApiProperty({ description: 'when the key was replaced (ISO 8601)' })
  rotatedAt!: string;

  @ApiProperty({ description: 'the size of the log at the rotation' })
  size!: number;

  @ApiProperty({ description: 'the verifier key replaced, `<origin>+<hex key id>+<base64(0x01 ‖ key)>`' })
  oldKey!: string;

  @ApiProperty({ description: 'the verifier key that signs from then on' })
  newKey!: string;

  @ApiProperty({ description: 'the checkpoint of `size` with the line `signing-key/v1 <newKey>`, signed by the old key and the new (C2SP signed note)' })
  note!: string;
}

export class KeyRotationsResponseDto {
  @ApiProperty({ description: 'the verifier key the log signs with now' })
  publicKey!: string;

  @ApiProperty({ type: [KeyRotationResponseDto], description: 'every rotation, oldest first' })
  items!: KeyRotationResponseDto[];
}
