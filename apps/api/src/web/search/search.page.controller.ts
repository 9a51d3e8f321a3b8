import { Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { CaseSearchItem } from '@ledger/projections';
import { RecordAccess } from '../../access-log/record-access.interceptor.js';
import { Roles } from '../../auth/authenticated-user.js';
import { CaseSearch, PATRON_SEARCH_ROLES, recordableSearch } from '../../cases/search/case-search.js';
import { SearchCasesRequestDto } from '../../cases/search/search-cases.request.dto.js';
import { RequestValidationError } from '../../http/validation.js';
import { PageRenderer, pageOf } from '../shared/page.renderer.js';
import { WebPages } from '../shared/web-page.decorator.js';
import { type FormBody, type FormErrors, formErrors, text, validateAs } from '../shared/web-form.js';
import type { WebRequest } from '../shared/web-session.guard.js';

const FIELDS = ['caseId', 'docketNumber', 'requesterName', 'patronRef'] as const;

interface SearchState {
  /** What was typed, shown again (never the patron reference). */
  readonly values: Record<string, string | undefined>;
  readonly errors: FormErrors | null;
  /** The cases found; null before a search. */
  readonly items: readonly CaseSearchItem[] | null;
}

export interface SearchPageModel extends SearchState {
  readonly title: string;
  /** The Director and auditors may search by the patron's card number. */
  readonly mayFindByPatron: boolean;
}
const SEARCH_PAGE = pageOf<SearchPageModel>('/search/search');

/**
 * `/search`: find a case by its id, a docket number, the requester's name, or (the Director and
 * auditors) the patron's card number. The form posts (a card number never goes into a URL) and the
 * results come back on the same page, as the API's search answers them.
 */
@WebPages()
@Controller('search')
export class SearchPageController {
  constructor(
    private readonly pages: PageRenderer,
    private readonly search: CaseSearch,
  ) {}

  @Get()
  @Roles('staff', 'director', 'counsel', 'auditor')
  show(@Req() request: WebRequest, @Res() response: Response): void {
    this.render(request, response, { values: {}, errors: null, items: null }, 200);
  }

  @Post()
  @HttpCode(200)
  @Roles('staff', 'director', 'counsel', 'auditor')
  @RecordAccess({ action: 'case_search', recordBody: recordableSearch })
  async find(@Body() body: FormBody, @Req() request: WebRequest, @Res() response: Response): Promise<void> {
    const typed = Object.fromEntries(FIELDS.flatMap((field) => (text(body, field) ? [[field, text(body, field)!]] : [])));
    const values = { ...typed, patronRef: undefined };
    const validated = await validateAs(SearchCasesRequestDto, typed, 'search-');
    if ('errors' in validated) return this.render(request, response, { values, errors: validated.errors, items: null }, 400);
    try {
      const page = await this.search.run(validated.value, request.user!);
      this.render(request, response, { values, errors: null, items: page.items }, 200);
    } catch (error) {
      if (!(error instanceof RequestValidationError)) throw error;
      this.render(request, response, { values, errors: formErrors([{ field: 'caseId', message: 'Type a case number, a docket number or a name to search for' }], 'search-'), items: null }, 400);
    }
  }

  private render(request: WebRequest, response: Response, state: SearchState, status: number): void {
    this.pages.send(
      response,
      request,
      SEARCH_PAGE,
      {
        title: `${state.errors ? 'Error: ' : ''}${state.items ? 'Search results' : 'Find a case'}`,
        ...state,
        mayFindByPatron: PATRON_SEARCH_ROLES.includes(request.user!.role),
      },
      status,
    );
  }
}
