import 'reflect-metadata';
import { Controller, Get, Query } from '@nestjs/common';
import { ListDisclosuresRequestDto } from '../views/audit/list-disclosures/list-disclosures.request.dto.js';
import { ListFindingsRequestDto } from '../views/audit/list-findings/list-findings.request.dto.js';
import { queryDtoOf, recordableCaseId, recordableQuery, WITHHELD } from './recordable-request.js';

const CARD = '21234000123456';

describe('what the access log may keep of a request', () => {
  it('keeps declared filters whose values validate, as they were sent', () => {
    expect(recordableQuery(ListDisclosuresRequestDto, { outcome: 'refused', patron: 'P-3f9a0c12b7de', from: '2026-01-01T00:00:00Z', limit: '20' })).toEqual({
      outcome: 'refused',
      patron: 'P-3f9a0c12b7de',
      from: '2026-01-01T00:00:00Z',
      limit: '20',
    });
  });

  it('withholds the value of a declared filter that does not validate (a card number where a pseudonym goes)', () => {
    expect(recordableQuery(ListDisclosuresRequestDto, { patron: CARD, outcome: 'released' })).toEqual({ patron: WITHHELD, outcome: 'released' });
    expect(recordableQuery(ListFindingsRequestDto, { caseId: CARD })).toEqual({ caseId: WITHHELD });
  });

  it('leaves out names the route does not declare, since the name itself may be the card number', () => {
    expect(recordableQuery(ListDisclosuresRequestDto, { patronRef: CARD, [CARD]: 'x', outcome: 'released' })).toEqual({ outcome: 'released' });
  });

  it('withholds repeated and nested values, and never keeps the opaque cursor or a position to wait for', () => {
    expect(recordableQuery(ListDisclosuresRequestDto, { outcome: ['released', CARD], channel: { a: CARD }, cursor: CARD, minPosition: '4455667788990011' })).toEqual({
      outcome: WITHHELD,
      channel: WITHHELD,
    });
  });

  it('keeps nothing of a query when the route declares none', () => {
    expect(recordableQuery(undefined, { outcome: 'released' })).toEqual({});
  });

  it('keeps a case id only when the server could have made it', () => {
    expect(recordableCaseId('6f1c1f6e-3a52-4c3e-9d0e-0d6b8a0e2f11')).toBe('6f1c1f6e-3a52-4c3e-9d0e-0d6b8a0e2f11');
    expect(recordableCaseId(CARD)).toBe(WITHHELD);
    expect(recordableCaseId(undefined)).toBeUndefined();
  });

  it("finds the DTO of a handler's @Query() argument", () => {
    @Controller()
    class Probe {
      @Get()
      list(@Query() query: ListFindingsRequestDto) {
        return query;
      }
      @Get('raw')
      raw(@Query('x') x: string) {
        return x;
      }
    }
    expect(queryDtoOf(Probe.prototype, 'list')).toBe(ListFindingsRequestDto);
    expect(queryDtoOf(Probe.prototype, 'raw')).toBeUndefined();
  });
});
