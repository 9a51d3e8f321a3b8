import type { Projection } from '@ledger/projections';
import { accessLogProjection, identityDirectoryProjection } from '@ledger/projections';

/** Every read model the API keeps in `views.db`; the runner feeds them all from one `$all` subscription. */
export const PROJECTIONS: readonly Projection[] = [identityDirectoryProjection, accessLogProjection];
