import { applyDecorators, BadRequestException, Controller, Get, Inject, Param, Res, StreamableFile } from '@nestjs/common';
import { ApiExtension, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { LEDGER_LOG, type LedgerLog, LogRangeError, parseTilePath, TILE_HEIGHT, tilePath, type TileAddress } from '@ledger/ledger';
import { LogPublic, Roles } from '../../auth/authenticated-user.js';
import { ProblemResponses } from '../../http/openapi.js';
import { EVERY_ROLE } from '../ledger-log-roles.js';

/** A full tile never changes: caches may keep it for a year. */
const FULL_TILE_CACHE = 'public, max-age=31536000, immutable';
/** A partial tile is replaced by a wider one as the log grows: a mirror asks again soon. */
const PARTIAL_TILE_CACHE = 'public, max-age=60';

const BINARY_ANSWER = { 'application/octet-stream': { schema: { type: 'string' as const, format: 'binary' } } };
/** `path` spans several segments (Express 5's `*path`); OpenAPI has no such parameter, so the operation says so (`x-wildcard-parameter`). */
const TILE_PATH = {
  name: 'path',
  description: 'several path segments: the index in zero-padded 3-digit groups, all but the last prefixed with `x` (1234067 is `x001/x234/067`), then `.p/<W>` (W 1–255) for a partial tile',
  type: String,
};

/** What both tile operations declare: any role (or none, for a public log), the multi-segment `path`, a binary answer, the problems. */
function TileOperation(summary: string, answered: string, notHeld: string): MethodDecorator {
  return applyDecorators(
    ProblemResponses([400, 'Not a tile path'], [404, notHeld], 503),
    ApiOkResponse({ description: answered, content: BINARY_ANSWER }),
    ApiProduces('application/octet-stream'),
    LogPublic(),
    Roles(...EVERY_ROLE),
    ApiExtension('x-wildcard-parameter', 'path'),
    ApiParam(TILE_PATH),
    ApiOperation({ summary }),
  );
}

/** The path after `tile/` as Express 5 hands a `*path` wildcard (its segments), read as C2SP tlog-tiles writes it; 400 when it is not one. */
function addressOf(prefix: string, segments: string[] | string): TileAddress {
  const path = `${prefix}${Array.isArray(segments) ? segments.join('/') : segments}`;
  const tile = parseTilePath(path);
  // The path is not repeated back: whatever was typed into it (a card number, say) stays out of answers and logs.
  if (!tile) throw new BadRequestException('Not a C2SP tlog-tiles path: tile/<L>/<N>[.p/<W>] or tile/entries/<N>[.p/<W>], with N in x-prefixed groups of three digits');
  return tile;
}

function answer(response: Response, tile: TileAddress, bytes: Buffer | null): StreamableFile {
  if (!bytes) throw new LogRangeError(`The log does not hold ${tilePath(tile, { entries: tile.entries })} (yet)`);
  response.setHeader('Cache-Control', tile.width === 2 ** TILE_HEIGHT ? FULL_TILE_CACHE : PARTIAL_TILE_CACHE);
  return new StreamableFile(bytes, { type: 'application/octet-stream' });
}

/**
 * C2SP tlog-tiles (https://c2sp.org/tlog-tiles) under `/v1/ledger`: the tree as tiles of 256
 * hashes, and the entries in bundles of 256, for mirrors and witnesses that check the tree
 * themselves (`ledger witness --tiles`); `/v1/ledger/checkpoint` is their checkpoint.
 */
@ApiTags('ledger')
@Controller('v1/ledger/tile')
export class GetTileHttpController {
  constructor(@Inject(LEDGER_LOG) private readonly log: LedgerLog) {}

  /** Before `:level/*path`, which would take `entries` for a level. */
  @Get('entries/*path')
  @TileOperation(
    'An entry bundle of the log (C2SP tlog-tiles)',
    'Each entry after its length (big-endian uint16): the bytes the log hashes for the leaf, `0x01 ‖ len‖stream ‖ len‖revision ‖ len‖event id ‖ len‖chain hash` (each a 4-byte big-endian length and UTF-8); SHA-256(0x00 ‖ entry) is the leaf hash in the level-0 tile. Full bundles are immutable (`Cache-Control: public, max-age=31536000, immutable`)',
    'The log does not hold these entries (yet)',
  )
  async entries(@Param('path') path: string[], @Res({ passthrough: true }) response: Response): Promise<StreamableFile> {
    const tile = addressOf('entries/', path);
    return answer(response, tile, await this.log.entryBundle(tile));
  }

  @Get(':level/*path')
  @ApiParam({ name: 'level', description: 'the tile level, 0–63: level L holds the hashes of tree level 8·L', type: String })
  @TileOperation(
    'A hash tile of the log (C2SP tlog-tiles)',
    'W (256 for a full tile) consecutive 32-byte SHA-256 hashes: MTH(D[(N·256 + i)·256^L : (N·256 + i + 1)·256^L]) for i from 0. Full tiles are immutable (`Cache-Control: public, max-age=31536000, immutable`), partial ones cached a minute',
    'The log does not hold this tile (yet)',
  )
  hashes(@Param('level') level: string, @Param('path') path: string[], @Res({ passthrough: true }) response: Response): StreamableFile {
    const tile = addressOf(`${level}/`, path);
    if (tile.entries) throw new BadRequestException('Entry bundles are at tile/entries/<N>');
    return answer(response, tile, this.log.hashTile(tile));
  }
}
