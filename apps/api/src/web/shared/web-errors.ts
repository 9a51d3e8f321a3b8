import { BadRequestException, ForbiddenException, UnauthorizedException } from '@nestjs/common';

/** No live session: a page request goes to the sign-in page, an htmx request is told to go there. */
export class SignInRequired extends UnauthorizedException {
  /** `step`: the session is signed in but a step is pending (a second factor): go there instead. */
  constructor(
    readonly expired = false,
    readonly step?: string,
  ) {
    super(expired ? 'Your session has ended' : 'Sign in to continue');
  }
}

/** A form came without this session's CSRF token (a forged request, or a page from an old session). */
export class CsrfRejected extends ForbiddenException {
  constructor() {
    super('This form has expired. Go back, reload the page and try again.');
  }
}

/** A filter the reader typed that is not a value (31 February): the page says which, in words, and links to its field. */
export class FilterNotUnderstood extends BadRequestException {
  constructor(
    message: string,
    readonly field: string,
  ) {
    super(message);
  }
}
