import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { GetCheckpointHttpController } from './get-checkpoint/get-checkpoint.http.controller.js';
import { GetTileHttpController } from './get-tile/get-tile.http.controller.js';
import { GetPublicKeyHttpController } from './get-public-key/get-public-key.http.controller.js';
import { ListKeyRotationsHttpController } from './list-key-rotations/list-key-rotations.http.controller.js';
import { ProveConsistencyHttpController } from './prove-consistency/prove-consistency.http.controller.js';
import { ProveEventHttpController } from './prove-event/prove-event.http.controller.js';
import { ProveInclusionHttpController } from './prove-inclusion/prove-inclusion.http.controller.js';

/** The verifiable log: checkpoints, the public key, proofs and tiles (docs/integrity.md). */
@Module({
  imports: [CqrsModule],
  controllers: [GetCheckpointHttpController, GetPublicKeyHttpController, ProveConsistencyHttpController, ProveInclusionHttpController, ProveEventHttpController, ListKeyRotationsHttpController, GetTileHttpController],
})
export class LedgerLogModule {}
