import { Inject, Injectable } from '@nestjs/common';
import { type Clock, CLOCK } from '../../infrastructure/tokens.js';
import type { FormBody } from './web-form.js';

/** A draft is kept this long after the session it was typed in ended: long enough to sign in again, short enough that nothing lingers. */
export const DRAFT_LIFE_MS = 30 * 60_000;
/** What one draft may hold (a form's fields as typed), so that a page cannot fill the server's memory. */
const DRAFT_MAX_CHARS = 64_000;

/** A form as it was typed when its session ended: the page it was on, the address it posts to, and its fields. */
export interface WebDraft {
  readonly page: string;
  readonly action: string;
  readonly fields: Readonly<Record<string, string | readonly string[]>>;
  readonly savedAt: number;
}

/**
 * What a user had typed in a form when their session ended, to give back once they sign in again: kept
 * in this process's memory only (like the sessions), per user and page, for at most 30 minutes, never
 * written to disk, never put in an address. It may hold a patron's card number as typed at the desk,
 * which is why it lives no longer than a session would and is dropped when the form is sent, when the
 * user signs out on purpose, or when the server restarts (docs/security.md).
 */
@Injectable()
export class WebDrafts {
  private readonly drafts = new Map<string, WebDraft>();

  constructor(@Inject(CLOCK) private readonly clock: Clock) {}

  /** Keeps the fields (without the CSRF token) of the form posted to `action` from `page`, for `userId`. */
  keep(userId: string, page: string, action: string, body: FormBody): void {
    if (!isPagePath(page) || !isPagePath(action)) return;
    const fields: Record<string, string | readonly string[]> = {};
    for (const [name, value] of Object.entries(body)) {
      if (name.startsWith('_') || value === undefined) continue;
      fields[name] = value;
    }
    if (Object.keys(fields).length === 0 || JSON.stringify(fields).length > DRAFT_MAX_CHARS) return;
    this.sweep();
    this.drafts.set(keyOf(userId, page), { page, action, fields, savedAt: this.clock.now().getTime() });
  }

  /** The user's live draft for this page, if any. */
  forPage(userId: string, page: string): WebDraft | null {
    const draft = this.drafts.get(keyOf(userId, page));
    if (!draft) return null;
    if (this.clock.now().getTime() - draft.savedAt >= DRAFT_LIFE_MS) {
      this.drafts.delete(keyOf(userId, page));
      return null;
    }
    return draft;
  }

  /** The page of the user's most recent live draft: where they go back to after signing in again. */
  latestPageOf(userId: string): string | null {
    this.sweep();
    let latest: WebDraft | null = null;
    for (const [key, draft] of this.drafts) if (key.startsWith(`${userId} `) && (!latest || draft.savedAt > latest.savedAt)) latest = draft;
    return latest?.page ?? null;
  }

  /** The form was sent: its draft has done its work. */
  sent(userId: string, action: string): void {
    for (const [key, draft] of this.drafts) if (key.startsWith(`${userId} `) && draft.action === action) this.drafts.delete(key);
  }

  /** The user signed out on purpose: nothing of theirs is kept. */
  forget(userId: string): void {
    for (const key of [...this.drafts.keys()]) if (key.startsWith(`${userId} `)) this.drafts.delete(key);
  }

  private sweep(): void {
    const now = this.clock.now().getTime();
    for (const [key, draft] of this.drafts) if (now - draft.savedAt >= DRAFT_LIFE_MS) this.drafts.delete(key);
  }
}

const keyOf = (userId: string, page: string) => `${userId} ${page}`;

/** A path of this site (no scheme, no host, no query): a draft can send the user nowhere else. */
function isPagePath(path: string): boolean {
  return /^\/[A-Za-z0-9/_.-]{0,300}$/.test(path) && !path.startsWith('//');
}
