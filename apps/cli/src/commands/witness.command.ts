import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command, CommandRunner, Option } from 'nest-commander';
import { type NoteVerifier, openNote, parseCheckpoint, parseVerifierKey, verifierKeyOf, verifyConsistency } from '@ledger/ledger';
import { CliError } from '../ledger-session.js';

interface WitnessFlags {
  url?: string;
  token?: string;
  state?: string;
  key?: string;
}

/** The witness found the log inconsistent with what it trusted: exit 2, evidence kept. */
const INCONSISTENT = 2;

/**
 * `ledger witness --url URL --token TOKEN --state DIR [--key FILE]`: what an auditor runs from cron
 * on a machine of their own, over HTTP only. It pins the log's key at first use (or takes `--key`),
 * fetches the latest checkpoint, checks its signature and a consistency proof from the last
 * checkpoint it trusted, and only then keeps the new one. On any inconsistency it exits 2 and keeps
 * both signed notes and the proof in `DIR/evidence-<time>/`.
 */
@Command({ name: 'witness', description: "Keep the log's checkpoints on this machine and check each new one is consistent with the last" })
export class WitnessCommand extends CommandRunner {
  async run(_args: string[], flags: WitnessFlags): Promise<void> {
    const { url, token, state } = flags;
    if (!url || !token || !state) throw new CliError('witness needs --url, --token and --state');
    mkdirSync(state, { recursive: true, mode: 0o700 });
    const get = async (path: string): Promise<string> => {
      const response = await fetch(new URL(path, url), { headers: { Authorization: `Bearer ${token}` } });
      const body = await response.text();
      if (!response.ok) throw new CliError(`GET ${path}: ${response.status} ${body.slice(0, 200)}`, 1);
      return body;
    };
    const evidence = (reason: string, files: Record<string, string>): never => {
      const dir = join(state, `evidence-${new Date().toISOString().replace(/[:.]/g, '-')}`);
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content, { mode: 0o600 });
      writeFileSync(join(dir, 'reason.txt'), `${reason}\n`, { mode: 0o600 });
      throw new CliError(`INCONSISTENT: ${reason}. Evidence kept in ${dir}`, INCONSISTENT);
    };

    const pinnedFile = join(state, 'log.pub');
    const served = (await get('/v1/ledger/public-key')).trim();
    const pinned = flags.key ? readFileSync(flags.key, 'utf8').trim() : existsSync(pinnedFile) ? readFileSync(pinnedFile, 'utf8').trim() : null;
    let verifier: NoteVerifier;
    try {
      verifier = parseVerifierKey(pinned ?? served);
    } catch (error) {
      throw new CliError(`Not a log verifier key: ${(error as Error).message}`, 1);
    }
    if (pinned === null) {
      writeFileSync(pinnedFile, `${verifierKeyOf(verifier)}\n`, { mode: 0o600 });
      process.stdout.write(`Pinned the log's key ${verifierKeyOf(verifier)} (first use): compare it with the one the library publishes.\n`);
    } else if (served !== verifierKeyOf(verifier)) {
      evidence('the server now serves another key than the one pinned', { 'pinned.pub': `${verifierKeyOf(verifier)}\n`, 'served.pub': `${served}\n` });
    }

    const note = await get('/v1/ledger/checkpoint');
    let latest;
    try {
      latest = parseCheckpoint(openNote(note, verifier));
    } catch (error) {
      return evidence(`the checkpoint does not verify with the pinned key: ${(error as Error).message}`, { 'new.checkpoint': note });
    }
    if (latest.origin !== verifier.name) evidence(`the checkpoint is for log "${latest.origin}", the key for "${verifier.name}"`, { 'new.checkpoint': note });

    const trustedFile = join(state, 'checkpoint');
    if (existsSync(trustedFile)) {
      const trustedNote = readFileSync(trustedFile, 'utf8');
      const trusted = parseCheckpoint(openNote(trustedNote, verifier));
      const both = { 'trusted.checkpoint': trustedNote, 'new.checkpoint': note };
      if (latest.size < trusted.size) evidence(`the log shrank from ${trusted.size} to ${latest.size} entries`, both);
      if (latest.size === trusted.size && !latest.root.equals(trusted.root)) evidence(`two different roots signed for size ${latest.size}`, both);
      if (latest.size > trusted.size) {
        const proofText = await get(`/v1/ledger/proofs/consistency?from=${trusted.size}&to=${latest.size}`);
        const proof = JSON.parse(proofText) as { hashes?: unknown };
        const hashes = Array.isArray(proof.hashes) ? proof.hashes.map((hash) => Buffer.from(String(hash), 'base64')) : [];
        if (!verifyConsistency(trusted.size, latest.size, trusted.root, latest.root, hashes)) {
          evidence(`the checkpoint of size ${latest.size} is not consistent with the trusted one of size ${trusted.size}`, { ...both, 'consistency-proof.json': proofText });
        }
      }
      if (latest.size === trusted.size) {
        process.stdout.write(`Log ${latest.origin}: still ${latest.size} entries, same root.\n`);
        return;
      }
      process.stdout.write(`Log ${latest.origin}: grew from ${trusted.size} to ${latest.size} entries, consistently.\n`);
    } else {
      process.stdout.write(`Log ${latest.origin}: first checkpoint kept, ${latest.size} entries.\n`);
    }
    mkdirSync(join(state, 'checkpoints'), { recursive: true, mode: 0o700 });
    writeFileSync(join(state, 'checkpoints', `${latest.size}.checkpoint`), note, { mode: 0o600 });
    // Replace the trusted checkpoint atomically: a crash leaves the old one or the new one, never half.
    writeFileSync(`${trustedFile}.tmp`, note, { mode: 0o600 });
    renameSync(`${trustedFile}.tmp`, trustedFile);
  }

  @Option({ flags: '--url <url>', description: "the ledger's base URL, e.g. https://ledger.library.example" })
  parseUrl(value: string): string {
    return value;
  }

  @Option({ flags: '--token <token>', description: 'a bearer token (any role; the auditor’s)' })
  parseToken(value: string): string {
    return value;
  }

  @Option({ flags: '--state <dir>', description: 'where the witness keeps the pinned key and the checkpoints it trusted' })
  parseState(value: string): string {
    return value;
  }

  @Option({ flags: '--key <file>', description: "the log's verifier key, instead of pinning what the server serves at first use" })
  parseKey(value: string): string {
    return value;
  }
}
