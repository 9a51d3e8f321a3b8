export { patronStream } from '@ledger/domain';

/** What every patron-desk command answers. */
export interface PatronCommandResult {
  readonly revision: string;
  readonly position: string;
}
