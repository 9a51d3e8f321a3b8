import { createHash } from 'node:crypto';
import {
  type NationalSecurityStructure,
  type StreamEvent,
  TRANSPARENCY_REPORT_SCHEMA,
  transparencyCountsOf,
  type TransparencyFacts,
  transparencyFactsOf,
  type TransparencyPeriod,
  type TransparencyReportDocument,
} from '@ledger/domain';
import { canonicalJson, decodeRecorded, type EventStore, type KeptCheckpoint, type LedgerLog, NoteError, type NoteVerifier, openNoteWithAny, parseVerifierKey, readAllPages } from '@ledger/ledger';

/** The first line of every report note after the origin: what the note is, and of which report. */
const NOTE_KIND = 'transparency-report/v1';

/** The first `size` events of `$all` (the entries of a log of that size), as the report's fold reads them; null when `$all` holds fewer. */
export async function streamEventsAt(store: EventStore, size: number): Promise<StreamEvent[] | null> {
  const events: StreamEvent[] = [];
  for await (const page of readAllPages(store)) {
    for (const recorded of page) {
      if (events.length === size) return events;
      events.push({ stream: recorded.stream, event: decodeRecorded(recorded).event });
    }
  }
  return events.length === size ? events : null;
}

/** The facts of `$all` as a log of `size` entries held them. */
export async function transparencyFactsAt(store: EventStore, size: number): Promise<TransparencyFacts> {
  const events = await streamEventsAt(store, size);
  if (!events) throw new Error(`The ledger holds fewer than ${size} events`);
  return transparencyFactsOf(events);
}

/** SHA-256 over the RFC 8785 canonical JSON of the document (without its note). */
export function transparencyDocumentDigest(document: TransparencyReportDocument): string {
  return createHash('sha256').update(canonicalJson(document), 'utf8').digest('base64');
}

/** The text the log key signs for a report: `<origin>\ntransparency-report/v1 <reportId>\n<base64 SHA-256 of the document>\n`. */
export function transparencyNoteText(document: TransparencyReportDocument): string {
  return `${document.checkpoint.origin}\n${NOTE_KIND} ${document.reportId}\n${transparencyDocumentDigest(document)}\n`;
}

export interface PrepareReportRequest {
  readonly reportId: string;
  readonly period: TransparencyPeriod;
  readonly structure: NationalSecurityStructure;
  readonly smallNumberThreshold: number;
  readonly supersedes?: string;
  readonly preparedAt: string;
  /** The library's zone (`LEDGER_TIMEZONE`): the period's days are its calendar days, and the report records it. */
  readonly timeZone: string;
}

/**
 * The report's document at the latest signed checkpoint that covers every event in `$all` now, and its
 * signed note. A checkpoint follows a commit within moments; the document is computed from exactly its
 * entries, so `ledger transparency verify` gets the same counts from the same entries.
 */
export async function prepareTransparencyDocument(store: EventStore, log: LedgerLog, request: PrepareReportRequest): Promise<{ document: TransparencyReportDocument; note: string }> {
  let checkpoint: KeptCheckpoint | null = null;
  let events: StreamEvent[] | null = null;
  for (let attempt = 0; attempt < 5 && events === null; attempt++) {
    let count = 0;
    for await (const page of readAllPages(store)) count += page.length;
    checkpoint = (await log.checkpointCovering(count, 5000)) ?? log.latestCheckpoint();
    if (!checkpoint) throw new Error('The log has signed no checkpoint yet');
    events = await streamEventsAt(store, checkpoint.size);
  }
  if (!checkpoint || !events) throw new Error('The log and the ledger did not agree on a size');
  const counts = transparencyCountsOf(transparencyFactsOf(events), {
    period: request.period,
    structure: request.structure,
    smallNumberThreshold: request.smallNumberThreshold,
    publishedAt: request.preparedAt,
    timeZone: request.timeZone,
  });
  const document: TransparencyReportDocument = {
    schema: TRANSPARENCY_REPORT_SCHEMA,
    reportId: request.reportId,
    period: request.period,
    nationalSecurityStructure: request.structure,
    smallNumberThreshold: request.smallNumberThreshold,
    preparedAt: request.preparedAt,
    timeZone: request.timeZone,
    checkpoint: { origin: log.origin, size: checkpoint.size, root: checkpoint.root.toString('base64') },
    ...(request.supersedes !== undefined && { supersedes: request.supersedes }),
    counts,
  };
  return { document, note: log.signDocumentNote(transparencyNoteText(document)) };
}

/** A published report as downloaded: the document and its note. */
export type PublishedTransparencyReport = TransparencyReportDocument & { readonly note: string };

export interface TransparencyVerification {
  readonly problems: readonly string[];
}

/** The log key now and every key it replaced: a report signed before a rotation still verifies. */
export function logVerifiers(log: LedgerLog): NoteVerifier[] {
  return [log.verifierKey, ...log.keyRotations().map((rotation) => rotation.oldKey)].map((key) => parseVerifierKey(key));
}

/**
 * What the auditor's `ledger transparency verify` checks: the note is signed by the log key (`verifiers`)
 * and commits to this document; the log's root at the report's size is the root it names; and the counts
 * computed again from the first `size` events of the ledger, on the calendar days of the zone the report
 * names, are the counts published.
 */
export async function verifyTransparencyReport(report: PublishedTransparencyReport, store: EventStore, log: LedgerLog, verifiers: readonly NoteVerifier[] = logVerifiers(log)): Promise<TransparencyVerification> {
  const problems: string[] = [];
  const { note, ...document } = report;
  try {
    const text = openNoteWithAny(note, verifiers);
    if (text !== transparencyNoteText(document)) problems.push('The signed note does not commit to this document (it was changed after signing)');
  } catch (error) {
    if (!(error instanceof NoteError)) throw error;
    problems.push(`Signature: ${error.message}`);
  }
  const { size, root } = document.checkpoint;
  if (size > log.size) problems.push(`The log holds ${log.size} entries, fewer than the ${size} the report was computed at`);
  else if (log.store.rootAt(size).toString('base64') !== root) problems.push(`The log's root at size ${size} is not the root the report names`);
  const events = problems.length === 0 ? await streamEventsAt(store, size) : null;
  if (problems.length === 0 && !events) problems.push(`The ledger holds fewer than ${size} events`);
  if (events) {
    const counts = transparencyCountsOf(transparencyFactsOf(events), {
      period: document.period,
      structure: document.nationalSecurityStructure,
      smallNumberThreshold: document.smallNumberThreshold,
      publishedAt: document.preparedAt,
      // The zone the report says it was counted in, not the ledger's zone now; absent, UTC days (TR6).
      ...(document.timeZone !== undefined && { timeZone: document.timeZone }),
    });
    if (canonicalJson(counts) !== canonicalJson(document.counts)) problems.push('The counts computed again at the checkpoint differ from the counts published');
  }
  return { problems };
}
