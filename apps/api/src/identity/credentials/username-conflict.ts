import { ConflictException } from '@nestjs/common';

/** 409 with the field named, as the problem filter lists field errors. */
class TakenConflict extends ConflictException {
  constructor(field: string, what: string) {
    super({ message: `That ${what} is taken; choose another`, errors: [{ field, messages: [`That ${what} is taken`] }] });
  }
}

export class UsernameConflict extends TakenConflict {
  constructor() {
    super('username', 'username');
  }
}

/**
 * Another active user has this email: single sign-on matches people by it, so two active users must
 * never share one (a deactivated user's email may be given again).
 */
export class EmailConflict extends TakenConflict {
  constructor() {
    super('email', 'email address');
  }
}
