import type { Role } from '@ledger/domain';

/** Checkpoints, the key and proofs by index reveal no case data: every signed-in role may have them. */
export const EVERY_ROLE: Role[] = ['staff', 'director', 'counsel', 'auditor', 'admin'];
