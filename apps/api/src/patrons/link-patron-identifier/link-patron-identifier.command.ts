import { Command } from '@nestjs/cqrs';
import type { AuthenticatedUser } from '../../auth/authenticated-user.js';
import type { LinkPatronIdentifierResponseDto } from './link-patron-identifier.response.dto.js';

export class LinkPatronIdentifierCommand extends Command<LinkPatronIdentifierResponseDto> {
  constructor(
    readonly patronRef: string,
    readonly identifier: string,
    readonly user: AuthenticatedUser,
  ) {
    super();
  }
}
