import { ConflictException } from '@nestjs/common';

/** 409 with the field named, as the problem filter lists field errors. */
export class UsernameConflict extends ConflictException {
  constructor() {
    super({ message: 'That username is taken; choose another', errors: [{ field: 'username', messages: ['That username is taken'] }] });
  }
}
