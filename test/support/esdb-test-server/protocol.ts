/**
 * The EventStoreDB gRPC stubs that ship with `@eventstore/db-client` 6.2.1 (`generated/`), loaded
 * for the protocol test server. They are CommonJS; a default import gives `module.exports`, which
 * works both under jest (native ESM) and in compiled `node dist/...`.
 *
 * Test support only.
 */
import grpcJs from '@grpc/grpc-js';
import streamsPb from '@eventstore/db-client/generated/streams_pb.js';
import streamsGrpc from '@eventstore/db-client/generated/streams_grpc_pb.js';
import sharedPb from '@eventstore/db-client/generated/shared_pb.js';
import gossipPb from '@eventstore/db-client/generated/gossip_pb.js';
import gossipGrpc from '@eventstore/db-client/generated/gossip_grpc_pb.js';
import serverFeaturesPb from '@eventstore/db-client/generated/serverfeatures_pb.js';
import serverFeaturesGrpc from '@eventstore/db-client/generated/serverfeatures_grpc_pb.js';

export { grpcJs, streamsPb, streamsGrpc, sharedPb, gossipPb, gossipGrpc, serverFeaturesPb, serverFeaturesGrpc };
