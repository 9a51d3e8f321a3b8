import { Inject, Injectable, Optional } from '@nestjs/common';
import { WebDrafts } from './web-drafts.js';
import type { HttpConfig } from '@ledger/ledger';
import { HTTP_CONFIG } from '../../infrastructure/tokens.js';
import { dayIn, deadlineIn, whenIn, zoneName } from './library-time.js';
import { dateParts } from './web-form.js';
import { Eta } from 'eta';
import type { Response } from 'express';
import type { Role } from '@ledger/domain';
import { sendAfterAccessRecorded } from '../../access-log/record-access.interceptor.js';
import { label, outcomeLabel } from './labels.js';
import type { WebRequest } from './web-session.guard.js';
import { WEB_ROOT } from './web-root.js';

export interface NavLink {
  readonly href: string;
  readonly text: string;
}

const NAVIGATION: Record<Role, readonly NavLink[]> = {
  staff: [
    { href: '/desk', text: 'New request' },
    { href: '/desk/my-cases', text: 'My cases' },
    { href: '/desk/patrons', text: 'Cards, consents and wellness' },
    { href: '/search', text: 'Find a case' },
  ],
  director: [
    { href: '/board', text: 'Case board' },
    { href: '/board/deadlines', text: 'Deadlines' },
    { href: '/desk', text: 'New request' },
    { href: '/roster', text: 'Designees' },
    { href: '/audit/findings', text: 'Findings' },
    { href: '/transparency-reports', text: 'Transparency reports' },
    { href: '/search', text: 'Find a case' },
  ],
  counsel: [
    { href: '/counsel', text: 'Referred cases' },
    { href: '/transparency-reports', text: 'Transparency reports' },
    { href: '/search', text: 'Find a case' },
  ],
  auditor: [
    { href: '/audit/register', text: 'Register' },
    { href: '/audit/findings', text: 'Findings' },
    { href: '/audit/stats', text: 'Statistics' },
    { href: '/audit/access-log', text: 'Access log' },
    { href: '/audit/integrity', text: 'Integrity' },
    { href: '/search', text: 'Find a case' },
  ],
  admin: [{ href: '/admin/users', text: 'Users' }],
};

/** What every page's view model has: its title (and, on a form before sign-in, the form's CSRF token). */
export interface PageModel {
  readonly title: string;
  readonly formToken?: string;
  /**
   * The address of the page these forms belong to, for a page sent back from a form's own address (a form
   * posted with something to fix): a draft typed there is kept for this page, the one signing in again opens.
   */
  readonly formPage?: string;
}

/**
 * A page's template and the view model it renders. Each page declares its model as an interface beside
 * its controller (`CasePageModel`) and its template with it (`pageOf<CasePageModel>('/case/case')`); the
 * renderer takes only that model for that template, so a field renamed or left out fails to compile.
 */
export interface PageTemplate<M extends PageModel> {
  readonly path: string;
  /** Never set: carries the model's type. */
  readonly model?: M;
}

export function pageOf<M extends PageModel>(path: string): PageTemplate<M> {
  return { path };
}

/** Where each role lands after sign-in (API.md, "Web application"). */
export const HOME: Record<Role, string> = { staff: '/desk', director: '/board', counsel: '/counsel', auditor: '/audit/register', admin: '/admin/users' };

/**
 * Renders a page from its `.eta` template (escaped by default) inside the shared layout, with what
 * every page needs: who is signed in, their navigation, the CSRF token, and the plain-word labels.
 */
@Injectable()
export class PageRenderer {
  private readonly eta = new Eta({ views: WEB_ROOT, cache: true, autoEscape: true, autoTrim: [false, 'nl'] });
  /** The library's time zone: every page shows, and every form reads, dates and times in it. */
  readonly timeZone: string;
  /** An instant as pages show it: in the library's zone, with the zone named. */
  readonly when: (iso: string | null | undefined) => string;
  /** A deadline in the library's zone: one ending at midnight shows its last minute (`19 Jan 2026, 23:59 EST`). */
  readonly deadline: (iso: string | null | undefined) => string;
  /** The calendar day of an instant in the library's zone, `5 Jan 2026`. */
  readonly day: (iso: string | null | undefined) => string;

  private readonly zoneName: string;

  constructor(
    @Inject(HTTP_CONFIG) http: HttpConfig,
    @Optional() private readonly drafts?: WebDrafts,
  ) {
    this.timeZone = http.timeZone;
    this.zoneName = zoneName(http.timeZone);
    this.when = (iso) => whenIn(iso, http.timeZone);
    this.day = (iso) => dayIn(iso, http.timeZone);
    this.deadline = (iso) => deadlineIn(iso, http.timeZone);
  }

  html<M extends PageModel>(page: PageTemplate<M>, request: WebRequest, data: NoInfer<M>): string {
    const session = request.webSession;
    // Until a pending second factor is given or set up, the session has no pages to go to.
    const role = session?.signIn.pending ? undefined : session?.role;
    const navigation = role ? [...NAVIGATION[role], ...(role === 'staff' && request.designee ? [{ href: '/board', text: 'Case board (designee)' }] : [])] : [];
    return this.eta.render(page.path, {
      ...data,
      page: {
        user: session ? { name: request.user?.name ?? session.name, role: session.role, roleLabel: label('role', session.role) } : null,
        csrfToken: session?.csrfToken ?? data.formToken ?? '',
        navigation,
        path: request.path,
        formPage: data.formPage ?? null,
        sessionSecondsLeft: session ? (request.sessionSecondsLeft ?? null) : null,
        keptDraft: role && request.method === 'GET' ? this.keptDraft(session!.userId, request.path) : null,
      },
      label,
      outcomeLabel,
      when: this.when,
      deadline: this.deadline,
      zoneName: this.zoneName,
      dateParts,
    });
  }

  /** The form the user was filling in when their session ended, for app.js to put back (as JSON that cannot end the script element). */
  private keptDraft(userId: string, path: string): string | null {
    const draft = this.drafts?.forPage(userId, path);
    return draft ? JSON.stringify({ action: draft.action, fields: draft.fields }).replace(/</g, '\\u003c') : null;
  }

  /** Sends the page; on a route whose reads are recorded, once the access record is durable. */
  send<M extends PageModel>(response: Response, request: WebRequest, page: PageTemplate<M>, data: NoInfer<M>, status = 200): void {
    // A form sent back with what to fix says so first in the window's title, as GOV.UK's do; error pages keep their own heading.
    const fixing = status >= 400 && page.path !== '/shared/error' && !data.title.startsWith('Error: ');
    const html = this.html(page, request, fixing ? { ...data, title: `Error: ${data.title}` } : data);
    response.status(status);
    sendAfterAccessRecorded(request, () => response.type('html').setHeader('Cache-Control', 'no-store').send(html));
  }
}
