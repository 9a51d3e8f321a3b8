import { existsSync, readFileSync } from 'node:fs';
import { Command, CommandRunner, Option } from 'nest-commander';
import {
  carriedConsistencyProof,
  type CaseFileLog,
  type CaseFilePdf,
  checkLaterCheckpoint,
  isPdf,
  type LaterCheckpoint,
  type LaterCheckpointCheck,
  openLaterCheckpoint,
  readCaseFilePdf,
  verifyCaseFile,
} from '@ledger/exports';
import { checkWitnessQuorum, type ConsistencyProofBody, parseCosignerKey } from '@ledger/ledger';
import { logVerifier } from '../log-key.js';
import { CliError } from '../ledger-session.js';
import { COULD_NOT_CHECK } from './verify.command.js';
import { verifierKeyArgument } from './witness-serve.js';

interface VerifyFileFlags {
  key?: string;
  json?: boolean;
  witnessKey?: string[];
  quorum?: number;
  checkpoint?: string;
  url?: string;
  token?: string;
}

/** The case file in a file: a JSON case file, or a case file PDF and the JSON case file it embeds. */
async function readCaseFileAt(path: string): Promise<{ file: unknown; pdf: CaseFilePdf | null }> {
  const bytes = readFileSync(path);
  if (isPdf(bytes)) {
    try {
      const pdf = await readCaseFilePdf(bytes);
      if (pdf.problem) throw new CliError(`Case file NOT verified: ${pdf.problem}`, 1);
      return { file: pdf.file, pdf };
    } catch (error) {
      if (error instanceof CliError) throw error;
      throw new CliError(`could not check: ${path} is a PDF this tool cannot read (${(error as Error).message})`, COULD_NOT_CHECK);
    }
  }
  try {
    return { file: JSON.parse(bytes.toString('utf8')), pdf: null };
  } catch {
    throw new CliError(`${path} is neither a JSON case file nor a case file PDF`, 1);
  }
}

/** The consistency proof from the file's checkpoint to the later one: the file's own, else the ledger's (`--url`, `--token`); null when neither is at hand. */
async function consistencyProofFor(log: CaseFileLog, later: LaterCheckpoint, flags: VerifyFileFlags): Promise<ConsistencyProofBody | null> {
  const carried = carriedConsistencyProof(log, later.size);
  if (carried || later.size <= log.size || !flags.url) return carried;
  const path = `/v1/ledger/proofs/consistency?from=${log.size}&to=${later.size}`;
  let response: Response;
  let body: string;
  try {
    response = await fetch(new URL(path, flags.url), { headers: flags.token ? { Authorization: `Bearer ${flags.token}` } : {} });
    body = await response.text();
  } catch (error) {
    throw new CliError(`could not check the later checkpoint: GET ${path}: ${(error as Error).message}`, COULD_NOT_CHECK);
  }
  if (!response.ok) throw new CliError(`could not check the later checkpoint: GET ${path}: ${response.status} ${body.slice(0, 200)}`, COULD_NOT_CHECK);
  try {
    return JSON.parse(body) as ConsistencyProofBody;
  } catch {
    throw new CliError(`could not check the later checkpoint: GET ${path} did not answer JSON`, COULD_NOT_CHECK);
  }
}

/**
 * `ledger verify-file CASE_FILE.json|CASE_FILE.pdf [--key FILE] [--witness-key KEY]… [--quorum N] [--checkpoint LATER [--url URL --token T]]`:
 * counsel's check of an exported case file, with no server and no database: the checkpoint's
 * signature, every event's chain link and every inclusion proof, and (when the checkpoint commits to
 * stream heads) that the file holds every event of its stream up to the checkpoint; with
 * `--witness-key KEY`… `[--quorum N]`, that N of those witnesses cosigned the checkpoint. A PDF is
 * checked through the JSON case file it embeds, and its pages against that file's rendering. With
 * `--checkpoint LATER`, that a later signed checkpoint extends the file's (the consistency proof the
 * file carries, or the ledger's). Exit 0 when it all holds, 1 at the first thing that does not, 3
 * when the later checkpoint could not be checked.
 */
@Command({ name: 'verify-file', arguments: '<caseFile>', description: 'Check an exported case file (JSON, or the PDF that embeds it) offline: chain links, inclusion proofs and the signed checkpoint' })
export class VerifyFileCommand extends CommandRunner {
  async run([path]: string[], flags: VerifyFileFlags): Promise<void> {
    if (!existsSync(path)) throw new CliError(`No file ${path}`);
    const { file, pdf } = await readCaseFileAt(path);
    const key = flags.key ? readFileSync(flags.key, 'utf8') : undefined;
    if (flags.key) logVerifier(null, flags.key); // a clear error for a key file that is not one
    if (flags.checkpoint && !existsSync(flags.checkpoint)) throw new CliError(`No file ${flags.checkpoint}`);
    const verified = verifyCaseFile(file, key);
    // The pages are checked once the file they should render is: an edited attachment is named as such first.
    const proven =
      verified.ok && pdf?.pages === 'differ'
        ? { ...verified, ok: false, problem: "the PDF's pages are not the rendering of the case file it embeds (the pages were altered after it was made)" }
        : verified;
    const witnessKeys = flags.witnessKey ?? [];
    if (flags.quorum !== undefined && flags.quorum > witnessKeys.length) throw new CliError(`--quorum ${flags.quorum} needs at least as many --witness-key`);
    // The checkpoint must carry cosignatures by enough of the witnesses counsel trusts: a fork shown only to the library would carry none.
    const witnesses = witnessKeys.length > 0 && proven.ok ? checkWitnessQuorum((file as { log: { checkpoint: string } }).log.checkpoint, witnessKeys, flags.quorum ?? witnessKeys.length) : null;
    const witnessed = witnesses && !witnesses.ok ? { ...proven, ok: false, problem: witnesses.problem!, witnesses } : { ...proven, ...(witnesses ? { witnesses } : {}) };
    const later = witnessed.ok && flags.checkpoint ? await this.holdToLater((file as { log: CaseFileLog }).log, key ?? (file as { log: CaseFileLog }).log.publicKey, flags) : null;
    const report = {
      ...witnessed,
      ...(later?.outcome === 'inconsistent' ? { ok: false, problem: later.message } : {}),
      ...(later ? { later } : {}),
      ...(pdf ? { pdf: { attachment: pdf.attachment, pages: pdf.pages } } : {}),
    };
    if (flags.json) {
      process.stdout.write(`${JSON.stringify(report)}\n`);
    } else if (report.ok) {
      const { origin, size, keyId } = report.checkpoint!;
      process.stdout.write(
        (pdf ? `PDF: the embedded case file ${pdf.attachment} verified, as follows.\n` : '') +
        `Case file verified: ${report.events} events, each hash recomputed from its stored bytes (where the file carries them) and linked to the one before, ` +
          `each included in log ${origin} at size ${size}, whose checkpoint is signed by key ${keyId}.\n` +
          (report.completeness === 'proven'
            ? `Complete: the checkpoint commits to the stream's head, revision ${report.events - 1}, and the file holds every event of the stream up to it.\n`
            : 'Note: completeness NOT proven: this checkpoint was signed before the log committed to stream heads, so a file with events left out at the end would also pass. Export the case again for a file that proves it is complete.\n') +
          (report.sections === 'checked'
            ? 'Readable sections (summary, evaluation, instruments, deadlines, referrals, advice, decisions, productions, chronology, manifest) derived again from the event bytes: they are the file\'s (the patron\'s identity excepted: it is decrypted with keys a file never carries).\n'
            : `Note: readable sections NOT checked: ${report.sections?.replace(/^not_checked: /, '')}.\n`) +
          (report.findings === 'checked'
            ? 'Findings that rest on the case\'s events derived again (with the file\'s findingSettings, as of its generatedAt): they are the file\'s; findings found on other streams (breach notices, purges) are not checked.\n'
            : report.sections === 'checked'
              ? 'Note: findings NOT recomputed: the file carries no findingSettings (made before files carried them).\n'
              : '') +
          (report.withheld > 0
            ? `Note: the file withholds the stored data of ${report.withheld} event${report.withheld === 1 ? '' : 's'} that would name the patron; those are linked and proven in the log by their hash, and only \`ledger verify\` on the ledger re-hashes their data.\n`
            : '') +
          (report.keyFromFile ? 'Note: the key came with the file; compare its id with the key the library publishes, or pass --key.\n' : '') +
          (witnesses
            ? `Witnessed: cosigned by ${witnesses.cosignedBy.length} of the ${witnessKeys.length} witnesses given (${witnesses.required} required): ${witnesses.cosignedBy.map((c) => `${c.witness.split('+')[0]} at ${c.at}`).join(', ')}.\n`
            : 'Note: no --witness-key given: nothing shows that anyone outside the library saw this checkpoint.\n') +
          (pdf
            ? pdf.pages === 'same'
              ? "PDF pages: rendered again from the verified case file, they are this PDF's, byte for byte.\n"
              : `Note: the PDF's pages were NOT compared with the case file: ${String(pdf.pages).replace(/^not_compared: /, '')}.\n`
            : '') +
          (later
            ? later.outcome === 'consistent'
              ? `Later checkpoint: consistent: ${later.message}.\n`
              : `Later checkpoint NOT checked (could not check): ${later.message}.\n`
            : ''),
      );
    } else {
      process.stdout.write(`${pdf ? `PDF: the embedded case file ${pdf.attachment} ` : 'Case file '}NOT verified: ${report.problem}.\n`);
    }
    process.exitCode = !report.ok ? 1 : later?.outcome === 'could_not_check' ? COULD_NOT_CHECK : 0;
  }

  /** `--checkpoint LATER`: whether the later signed checkpoint extends the file's. */
  private async holdToLater(log: CaseFileLog, verifierKey: string, flags: VerifyFileFlags): Promise<LaterCheckpointCheck> {
    let later: LaterCheckpoint;
    try {
      later = openLaterCheckpoint(readFileSync(flags.checkpoint!, 'utf8'), verifierKey);
    } catch (error) {
      return { outcome: 'could_not_check', later: null, message: `${flags.checkpoint} is not a checkpoint signed by the log's key (${(error as Error).message})` };
    }
    return checkLaterCheckpoint(log, later, await consistencyProofFor(log, later, flags));
  }

  @Option({ flags: '--key <file>', description: "the log's verifier key from the library (default: the key in the file)" })
  parseKey(value: string): string {
    return value;
  }

  @Option({ flags: '--witness-key <key>', description: 'a witness verifier key (type 0x04, as its witness.vkey), or a file holding one; repeatable' })
  parseWitnessKey(value: string, previous: string[] = []): string[] {
    const key = verifierKeyArgument(value);
    try {
      parseCosignerKey(key);
    } catch (error) {
      throw new CliError(`${value} is not a witness verifier key: ${(error as Error).message}`);
    }
    return [...previous, key];
  }

  @Option({ flags: '--quorum <n>', description: 'how many of the --witness-key witnesses must have cosigned the checkpoint (default: all of them)' })
  parseQuorum(value: string): number {
    const quorum = Number(value);
    if (!Number.isInteger(quorum) || quorum < 1) throw new CliError(`--quorum must be a whole number from 1, not "${value}"`);
    return quorum;
  }

  @Option({ flags: '--checkpoint <file>', description: 'a later signed checkpoint of the log (as a witness keeps it): check that it extends the file’s' })
  parseCheckpoint(value: string): string {
    return value;
  }

  @Option({ flags: '--url <url>', description: "with --checkpoint: the ledger's base URL, to ask for the consistency proof the file does not carry" })
  parseUrl(value: string): string {
    return value;
  }

  @Option({ flags: '--token <token>', description: 'with --url: a bearer token (any role)' })
  parseToken(value: string): string {
    return value;
  }

  @Option({ flags: '--json', description: 'print the report as JSON' })
  parseJson(): boolean {
    return true;
  }
}
