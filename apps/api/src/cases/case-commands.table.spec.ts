import 'reflect-metadata';
import { CASE_COMMAND_TYPES } from '@ledger/domain';
import { getMetadataStorage } from 'class-validator';
import { CASE_COMMANDS, caseAction } from './case-commands.table.js';

describe('the table of case commands', () => {
  it('has exactly one entry for every case command the domain decides, and none for anything else', () => {
    const declared = CASE_COMMANDS.map((entry) => entry.type);
    expect([...declared].sort()).toEqual([...CASE_COMMAND_TYPES].sort());
    expect(new Set(declared).size).toBe(declared.length);
  });

  it('gives every entry a route of its own, roles, a validated request and OpenAPI text', () => {
    const routes = CASE_COMMANDS.map((entry) => (entry.opens ? entry.path : `v1/cases/:caseId/${entry.path}`));
    expect(new Set(routes).size).toBe(routes.length);
    for (const entry of CASE_COMMANDS) {
      expect({ type: entry.type, route: entry.path }).toEqual({ type: entry.type, route: expect.stringMatching(/^[a-z0-9][a-z0-9/-]*$/) });
      expect({ type: entry.type, roles: entry.roles.length > 0 }).toEqual({ type: entry.type, roles: true });
      expect({ type: entry.type, created: entry.openapi.created.trim().length > 0 }).toEqual({ type: entry.type, created: true });
      const rules = getMetadataStorage().getTargetValidationMetadatas(entry.request, '', true, false);
      expect({ type: entry.type, validated: rules.length > 0 }).toEqual({ type: entry.type, validated: true });
    }
  });

  it('names each case page form once, and every form finds its command', () => {
    const forms = CASE_COMMANDS.flatMap((entry) => ('form' in entry && entry.form ? [entry.form.action] : []));
    expect(new Set(forms).size).toBe(forms.length);
    for (const name of forms) expect(caseAction(name)?.form.action).toBe(name);
    expect(caseAction('no-such-form')).toBeUndefined();
  });
});
