import { Controller, Get, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Roles } from '../../auth/authenticated-user.js';
import { PageRenderer, pageOf } from '../shared/page.renderer.js';
import { WebPages } from '../shared/web-page.decorator.js';
import type { WebRequest } from '../shared/web-session.guard.js';
import { GLOSSARY, type GlossaryTerm } from './glossary.js';

export interface GlossaryPageModel {
  readonly title: string;
  readonly terms: readonly GlossaryTerm[];
}
const GLOSSARY_PAGE = pageOf<GlossaryPageModel>('/glossary/glossary');

/** `/glossary`: the ledger's words in plain language, linked from the pages that use them. */
@WebPages()
@Controller('glossary')
export class GlossaryPageController {
  constructor(private readonly pages: PageRenderer) {}

  @Get()
  @Roles('staff', 'director', 'counsel', 'auditor', 'admin')
  show(@Req() request: WebRequest, @Res() response: Response): void {
    this.pages.send(response, request, GLOSSARY_PAGE, { title: 'What the words mean', terms: [...GLOSSARY].sort((a, b) => a.term.localeCompare(b.term)) });
  }
}
