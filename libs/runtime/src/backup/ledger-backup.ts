import { createHash, randomUUID } from 'node:crypto';
import { chmodSync, constants, copyFileSync, existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, isAbsolute, join, relative, resolve } from 'node:path';
import Database from 'better-sqlite3';
import {
  type LedgerConfig,
  LedgerLog,
  LogStore,
  makePrivateDir,
  noteSigner,
  openNote,
  readSigningKey,
  recordedShreds,
  resolveLogOrigin,
  SqliteEventStore,
  type StoreKind,
  verifierKeyOf,
} from '@ledger/ledger';

/**
 * `ledger backup` and `ledger restore`: one consistent copy of everything a library needs to bring
 * its ledger back — the records (events, the Merkle log and its checkpoints, the web credentials) in
 * one directory and the keys (patron data keys, the blind-index key, the log's signing key) in
 * another, each with a manifest of SHA-256 sums. The two are never mixed: a patron's identity must
 * stay destroyable by destroying its key, which a backup holding events and keys together defeats.
 */

export const BACKUP_FORMAT = 'disclosure-ledger-backup/1';
export const MANIFEST = 'manifest.json';

export type BackupKind = 'records' | 'keys';

/** What a backed-up file is, and so where `restore` puts it (a path of the configuration). */
export type BackupRole = 'events' | 'log' | 'credentials' | 'attachments' | 'patron-keys' | 'blind-index-key' | 'signing-key';

const KIND_OF: Record<BackupRole, BackupKind> = {
  events: 'records',
  log: 'records',
  credentials: 'records',
  // Ciphertext only, under the case keys backed up apart.
  attachments: 'records',
  'patron-keys': 'keys',
  'blind-index-key': 'keys',
  'signing-key': 'keys',
};

const FILE_NAME: Record<BackupRole, string> = {
  events: 'events.db',
  log: 'log.db',
  credentials: 'credentials.db',
  attachments: 'attachments.db',
  'patron-keys': 'keys.db',
  'blind-index-key': 'blind-index.key',
  'signing-key': 'log-signing-key.pem',
};

const pathOf = (config: LedgerConfig, role: BackupRole): string =>
  ({
    events: config.paths.events,
    log: config.paths.log,
    credentials: config.paths.credentials,
    attachments: config.paths.attachments,
    'patron-keys': config.paths.keys,
    'blind-index-key': config.paths.blindIndexKey,
    'signing-key': config.paths.signingKey,
  })[role];

export interface BackedUpFile {
  readonly name: string;
  readonly role: BackupRole;
  readonly bytes: number;
  readonly sha256: string;
}

/** The log's signed checkpoint over every event in the records backup. */
export interface BackupCheckpoint {
  readonly origin: string;
  readonly size: number;
  /** base64, as in the note. */
  readonly root: string;
  /** The signed note, byte for byte. */
  readonly note: string;
}

export interface BackupManifest {
  readonly format: typeof BACKUP_FORMAT;
  readonly kind: BackupKind;
  /** The same in the records and the keys manifest of one run. */
  readonly snapshot: string;
  readonly takenAt: string;
  readonly store: StoreKind;
  /** The log's verifier key (public): whoever restores can check it is the one auditors pinned. */
  readonly verifierKey: string;
  readonly files: readonly BackedUpFile[];
  /** Records only, embedded store: the checkpoint the records cover (every event in `events.db`). */
  readonly checkpoint?: BackupCheckpoint;
}

export interface BackupTargets {
  readonly records: string;
  readonly keys: string;
}

/** A backup or restore that cannot be done; nothing was changed in the ledger (see the message). */
export class BackupError extends Error {
  override readonly name = 'BackupError';
}

const sha256Of = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');

function describe(dir: string, name: string, role: BackupRole): BackedUpFile {
  const file = join(dir, name);
  return { name, role, bytes: statSync(file).size, sha256: sha256Of(file) };
}

function assertApart(targets: BackupTargets): { records: string; keys: string } {
  const records = resolve(targets.records);
  const keys = resolve(targets.keys);
  const inside = (outer: string, inner: string) => {
    const path = relative(outer, inner);
    return path === '' || (!path.startsWith('..') && !isAbsolute(path));
  };
  if (inside(records, keys) || inside(keys, records)) {
    throw new BackupError(`The records and the keys must go to two separate directories, neither inside the other (--records ${records}, --keys ${keys})`);
  }
  return { records, keys };
}

const isEmptyDir = (dir: string) => !existsSync(dir) || readdirSync(dir).length === 0;

/**
 * A consistent snapshot of one SQLite database with SQLite's online backup API, while other
 * connections (the running server) write: one backup step copies every page under one read
 * transaction, which in WAL mode holds no writer up. The copy is made a self-contained file
 * (rollback journal, no -wal), checked, and given mode 0600.
 */
async function snapshotSqlite(source: string, target: string): Promise<void> {
  const partial = join(resolve(target, '..'), `.${basename(target)}.partial`);
  rmSync(partial, { force: true });
  // Read-write, though it writes nothing: a read-only connection cannot open a WAL database whose -shm is gone.
  const db = new Database(source, { fileMustExist: true, timeout: 10_000 });
  try {
    await db.backup(partial, { progress: () => 0x7fffffff });
  } finally {
    db.close();
  }
  chmodSync(partial, 0o600);
  const copy = new Database(partial);
  try {
    copy.pragma('journal_mode = DELETE');
    const check = copy.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new BackupError(`The copy of ${source} failed its check (${String(check)})`);
  } finally {
    copy.close();
  }
  renameSync(partial, target);
}

function copyPrivate(source: string, target: string): void {
  copyFileSync(source, target, constants.COPYFILE_EXCL);
  chmodSync(target, 0o600);
}

/** The log's signer from `signingKeyFile`, under the origin the log signs under (`kept`: its checkpoints'). */
function verifierFor(config: LedgerConfig, signingKeyFile: string, kept: string | null) {
  const key = readSigningKey(signingKeyFile);
  return noteSigner(resolveLogOrigin({ configured: config.logOrigin, kept, key }), key.privateKey);
}

/**
 * Brings the copied log up to every copied event and signs a checkpoint for them with the copied
 * key: the checkpoint the records cover. The log is a function of the events, so this checkpoint
 * is consistent with every one the server signed before or will sign after.
 */
async function checkpointTheCopy(config: LedgerConfig, records: string, keys: string): Promise<BackupCheckpoint> {
  const events = SqliteEventStore.open(join(records, FILE_NAME.events));
  try {
    const log = LedgerLog.open(events, {
      logFile: join(records, FILE_NAME.log),
      signingKeyFile: join(keys, FILE_NAME['signing-key']),
      ...(config.logOrigin ? { origin: config.logOrigin } : {}),
      newOrigin: config.newLogOrigin,
    });
    try {
      await log.catchUp();
      if (log.alarm.raised) throw new BackupError(`The copied events contradict the copied log: ${log.alarm.raised.reason}. Run \`ledger verify\`.`);
      const kept = log.latestCheckpoint();
      if (!kept || kept.size !== log.size) throw new BackupError('The copied log signed no checkpoint over every copied event');
      return { origin: log.origin, size: kept.size, root: kept.root.toString('base64'), note: kept.note };
    } finally {
      await log.close();
    }
  } finally {
    await events.close();
  }
}

/**
 * Keys the copied keys.db holds destroyed that no shred in the copied events records. A purge records
 * its shred before it destroys the key, so one that ran between the copy of the events and that of the
 * keys leaves exactly this: restored, the key would be gone and the ledger would not say so.
 */
export async function keysDestroyedUnrecorded(eventsFile: string, keysFile: string): Promise<string[]> {
  const events = SqliteEventStore.open(eventsFile);
  let recorded: Set<string>;
  try {
    recorded = new Set((await recordedShreds(events)).map((shred) => shred.keyId));
  } finally {
    await events.close();
  }
  const keys = new Database(keysFile, { readonly: true, fileMustExist: true });
  try {
    const destroyed = keys
      .prepare(
        `SELECT key_id FROM data_keys WHERE data_key IS NULL
         UNION ALL SELECT 'p-' || blind_index FROM patron_keys WHERE data_key IS NULL`,
      )
      .pluck()
      .all() as string[];
    return destroyed.filter((keyId) => !recorded.has(keyId));
  } finally {
    keys.close();
  }
}

/** How many times a backup copies the records and keys again when a purge ran between them. */
const COPY_ATTEMPTS = 3;

/** The store and the log open their files in WAL mode; a backup keeps one self-contained file each. */

function toSelfContained(file: string): void {
  const db = new Database(file, { fileMustExist: true });
  try {
    db.pragma('journal_mode = DELETE');
  } finally {
    db.close();
  }
}

/**
 * Snapshots the configured ledger into `targets.records` and `targets.keys` (both empty or absent;
 * made 0700, files 0600). Order matters, because the server keeps writing: the log before the
 * events (the log never holds a leaf the copied events lack), the keys and the credentials after
 * them (a case key is durable before any event uses it, so every event copied finds its key), and
 * again when a purge ran between the events and the keys (`keysDestroyedUnrecorded`). On
 * EventStoreDB the events are EventStoreDB's own backup, and the log is rebuilt from them after a
 * restore; this backs up the rest.
 */
export async function backupLedger(config: LedgerConfig, targets: BackupTargets, now: () => Date = () => new Date()): Promise<{ records: BackupManifest; keys: BackupManifest }> {
  const { records, keys } = assertApart(targets);
  for (const dir of [records, keys]) if (!isEmptyDir(dir)) throw new BackupError(`${dir} is not empty; give every backup a new directory`);
  const embedded = config.store === 'sqlite';
  const roles: BackupRole[] = embedded ? ['log', 'events', 'patron-keys', 'credentials', 'attachments'] : ['patron-keys', 'credentials', 'attachments'];
  for (const required of ['patron-keys', 'blind-index-key', 'signing-key', ...(embedded ? ['events'] : [])] as BackupRole[]) {
    if (!existsSync(pathOf(config, required))) throw new BackupError(`No ${FILE_NAME[required]} at ${pathOf(config, required)}: is this the ledger's configuration (LEDGER_DATA_DIR, LEDGER_KEYS_DIR)?`);
  }
  makePrivateDir(records);
  makePrivateDir(keys);
  const dirOf = (role: BackupRole) => (KIND_OF[role] === 'records' ? records : keys);
  const taken: BackupRole[] = [];
  try {
    const copy = async (role: BackupRole) => {
      if (!existsSync(pathOf(config, role))) return; // no log, credentials or attachments yet: nothing to keep
      await snapshotSqlite(pathOf(config, role), join(dirOf(role), FILE_NAME[role]));
      if (!taken.includes(role)) taken.push(role);
    };
    for (const role of roles) await copy(role);
    // A purge between the copy of the events and that of the keys: the records and keys are copied again,
    // in the same order, until the keys destroy nothing the events do not record.
    // (EventStoreDB's events are its own backup's, not copied here.)
    for (let attempt = 1; embedded; attempt++) {
      const unrecorded = await keysDestroyedUnrecorded(join(records, FILE_NAME.events), join(keys, FILE_NAME['patron-keys']));
      if (unrecorded.length === 0) break;
      if (attempt === COPY_ATTEMPTS) throw new BackupError(`Purges kept running while the ledger was copied (${unrecorded.length} key(s) destroyed that the copied events do not record yet): run the backup again`);
      for (const role of ['log', 'events', 'patron-keys'] as const) await copy(role);
    }
    for (const role of ['blind-index-key', 'signing-key'] as const) {
      copyPrivate(pathOf(config, role), join(keys, FILE_NAME[role]));
      taken.push(role);
    }
    let checkpoint: BackupCheckpoint | undefined;
    if (embedded) {
      checkpoint = await checkpointTheCopy(config, records, keys);
      if (!taken.includes('log')) taken.push('log');
      for (const role of ['events', 'log'] as const) toSelfContained(join(records, FILE_NAME[role]));
    } else if (existsSync(config.paths.log)) {
      // What this instance had signed when the backup ran; EventStoreDB's backup holds at least that.
      const log = LogStore.open(config.paths.log, { readonly: true });
      const kept = log.latestCheckpoint();
      log.close();
      const origin = verifierFor(config, config.paths.signingKey, LedgerLog.keptOrigin(config.paths.log)).name;
      if (kept) checkpoint = { origin, size: kept.size, root: kept.root.toString('base64'), note: kept.note };
    }
    const common = {
      format: BACKUP_FORMAT,
      snapshot: randomUUID(),
      takenAt: now().toISOString(),
      store: config.store,
      verifierKey: verifierKeyOf(verifierFor(config, join(keys, FILE_NAME['signing-key']), checkpoint?.origin ?? LedgerLog.keptOrigin(config.paths.log))),
    } as const;
    const manifestOf = (kind: BackupKind): BackupManifest => ({
      ...common,
      kind,
      files: taken.filter((role) => KIND_OF[role] === kind).map((role) => describe(dirOf(role), FILE_NAME[role], role)),
      ...(kind === 'records' && checkpoint ? { checkpoint } : {}),
    });
    const manifests = { records: manifestOf('records'), keys: manifestOf('keys') };
    // Written last: a directory without a manifest is a backup that did not finish.
    writeFileSync(join(records, MANIFEST), `${JSON.stringify(manifests.records, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
    writeFileSync(join(keys, MANIFEST), `${JSON.stringify(manifests.keys, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
    return manifests;
  } catch (error) {
    for (const dir of [records, keys]) rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

function readManifest(dir: string, expected: BackupKind): BackupManifest {
  const file = join(dir, MANIFEST);
  if (!existsSync(file)) throw new BackupError(`${dir} holds no ${MANIFEST}: not a ledger backup, or one that did not finish`);
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(readFileSync(file, 'utf8')) as BackupManifest;
  } catch (error) {
    throw new BackupError(`${file} is not JSON: ${(error as Error).message}`);
  }
  if ((manifest.format as string) !== BACKUP_FORMAT) throw new BackupError(`${file} is not a ${BACKUP_FORMAT} manifest`);
  if (manifest.kind !== expected) {
    const flag = manifest.kind === 'keys' ? '--keys' : '--records';
    throw new BackupError(`${dir} is a ${manifest.kind} backup, given as --${expected}: give it as ${flag}; records and keys are restored apart and never mixed`);
  }
  for (const file of manifest.files) {
    if (FILE_NAME[file.role] !== file.name || KIND_OF[file.role] !== expected) {
      throw new BackupError(`${MANIFEST} in ${dir} lists ${file.name} as ${file.role}, which has no place in a ${expected} backup`);
    }
    const path = join(dir, file.name);
    if (!existsSync(path)) throw new BackupError(`${path} is missing`);
    if (statSync(path).size !== file.bytes || sha256Of(path) !== file.sha256) throw new BackupError(`${path} is not the file the manifest names (its SHA-256 differs): the backup is damaged`);
  }
  return manifest;
}

export interface RestoreReport {
  readonly records: BackupManifest;
  readonly keys: BackupManifest;
  /** Written where the configuration names them. */
  readonly restored: readonly string[];
  /** The two manifests come from different runs (keys backed up on their own schedule). */
  readonly differentSnapshots: boolean;
}

/**
 * Restores a records backup and a keys backup into the configured data dir and keys dir, which
 * must be empty (or absent): a restore never overwrites. Each file is checked against its manifest
 * before anything is written, and the records' checkpoint against the restored signing key and the
 * configured origin, so that the restored server signs as the old one did and auditors' witnesses
 * see the log grow consistently.
 */
export function restoreLedger(config: LedgerConfig, sources: BackupTargets): RestoreReport {
  const { records: recordsDir, keys: keysDir } = assertApart(sources);
  const records = readManifest(recordsDir, 'records');
  const keys = readManifest(keysDir, 'keys');
  if (records.store !== config.store) throw new BackupError(`The records are a backup of a ${records.store} ledger; the configuration names ${config.store} (LEDGER_STORE)`);
  for (const dir of new Set([config.dataDir, config.keysDir])) {
    if (!isEmptyDir(dir)) throw new BackupError(`${dir} is not empty: restore only into an empty data dir and keys dir (move the old one aside first)`);
  }
  if (existsSync(config.paths.signingKey)) throw new BackupError(`${config.paths.signingKey} exists: restore will not replace a signing key (LEDGER_SIGNING_KEY_FILE)`);
  const keyFile = keys.files.find((file) => file.role === 'signing-key');
  if (!keyFile) throw new BackupError(`The keys backup in ${keysDir} holds no signing key`);
  const signer = verifierFor(config, join(keysDir, keyFile.name), records.checkpoint?.origin ?? null);
  if (verifierKeyOf(signer) !== records.verifierKey) {
    throw new BackupError(
      `The restored server would sign as ${verifierKeyOf(signer)}, but the records were signed as ${records.verifierKey}: ` +
        (config.logOrigin ? 'set LEDGER_LOG_ORIGIN as the old server had it (or unset it)' : 'this keys backup is not of the same ledger, or the old server had LEDGER_LOG_ORIGIN set'),
    );
  }
  if (records.checkpoint) openNote(records.checkpoint.note, signer);

  makePrivateDir(config.dataDir);
  makePrivateDir(config.keysDir);
  const restored: string[] = [];
  for (const [dir, manifest] of [[recordsDir, records], [keysDir, keys]] as const) {
    for (const file of manifest.files) {
      const target = pathOf(config, file.role);
      makePrivateDir(resolve(target, '..'));
      copyPrivate(join(dir, file.name), target);
      if (sha256Of(target) !== file.sha256) throw new BackupError(`${target} differs from the backup after the copy: check the disk`);
      restored.push(target);
    }
  }
  return { records, keys, restored, differentSnapshots: records.snapshot !== keys.snapshot };
}
