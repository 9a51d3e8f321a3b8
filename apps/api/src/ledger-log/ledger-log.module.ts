import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { ReceiptInterceptor } from '../http/receipt.interceptor.js';
import { GetReceiptHttpController } from './get-receipt/get-receipt.http.controller.js';
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
  controllers: [GetCheckpointHttpController, GetPublicKeyHttpController, ProveConsistencyHttpController, ProveInclusionHttpController, ProveEventHttpController, ListKeyRotationsHttpController, GetTileHttpController, GetReceiptHttpController],
  // `Prefer: receipt` on any write of the API (docs/api.md, "Receipts").
  providers: [{ provide: APP_INTERCEPTOR, useClass: ReceiptInterceptor }],
})
export class LedgerLogModule {}
