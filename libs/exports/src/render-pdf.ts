import { capitalised, type CaseDeadline, type CaseEvent, type CaseEventType } from '@ledger/domain';
import { type CaseFile, PRIVILEGE_NOTICE } from './case-file.js';
import { categoriesOf, counted, describeEntry, longDate, periodOf, personOf, requesterOf, words } from './case-file-prose.js';
import { renderCaseFileJson } from './render-json.js';
import { drawLines, type FontName, layoutText, registerFonts, type Span, textHeight } from './pdf-text.js';

type Doc = PDFKit.PDFDocument;
type DataOf<T extends CaseEventType> = Extract<CaseEvent, { type: T }>['data'];
type Recorded<T extends CaseEventType> = DataOf<T> & { readonly recordedAt: string };

const MARGIN = 56;
const BODY = 10;
const SMALL = 7.5;
const FOOTER = 36;
/** A table that breaks across pages carries at least this many rows onto the next page (no page holding only a table's end). */
const MIN_ROWS_CARRIED = 3;

export interface TableColumn {
  readonly title: string;
  readonly width: number;
}

/** Writes the flowing content of the case file: headings, labelled fields, paragraphs, tables; breaks pages. */
export class CaseFileWriter {
  readonly width: number;

  /** `timeZone`: the library's (`LEDGER_TIMEZONE`), for the dates printed on its clock face. */
  constructor(
    readonly doc: Doc,
    readonly timeZone = 'UTC',
  ) {
    this.width = doc.page.width - 2 * MARGIN;
  }

  private get bottom(): number {
    return this.doc.page.height - MARGIN - FOOTER / 2;
  }

  /** Starts a new page unless `height` fits on this one. */
  keepTogether(height: number): void {
    if (this.doc.y + height > this.bottom) this.doc.addPage();
  }

  private write(spans: Span[], size: number, options: { color?: string; align?: 'left' | 'center'; gapAfter?: number } = {}): void {
    const lines = layoutText(this.doc, spans, this.width, size);
    // A paragraph longer than what is left of the page flows on, line by line.
    for (const line of lines) {
      this.keepTogether(textHeight([line], size));
      this.doc.fillColor(options.color ?? '#000');
      this.doc.y += drawLines(this.doc, [line], MARGIN, this.doc.y, size, options.align ?? 'left', this.width);
    }
    this.doc.fillColor('#000');
    this.doc.y += options.gapAfter ?? 2;
  }

  heading(text: string): void {
    this.keepTogether(90);
    this.doc.y += 14;
    this.write([{ text, font: 'bold' }], 13, { gapAfter: 6 });
  }

  subheading(text: string): void {
    this.keepTogether(60);
    this.doc.y += 6;
    this.write([{ text, font: 'bold' }], BODY + 0.5, { gapAfter: 3 });
  }

  /** "Label: value", the label in bold; nothing when the value is absent. */
  field(label: string, value: string | null | undefined): void {
    if (value === null || value === undefined || value === '') return;
    this.write([{ text: `${label}: `, font: 'bold' }, { text: value, font: 'regular' }], BODY);
  }

  paragraph(text: string, options: { size?: number; font?: FontName; color?: string; align?: 'left' | 'center'; gapAfter?: number } = {}): void {
    this.write([{ text, font: options.font ?? 'regular' }], options.size ?? BODY, options);
  }

  /** A ruled table: the header repeats on every page it spans, and no page holds fewer than MIN_ROWS_CARRIED of its rows. */
  table(columns: readonly TableColumn[], rows: readonly (readonly string[])[], options: { font?: FontName; size?: number } = {}): void {
    const size = options.size ?? SMALL;
    const font = options.font ?? 'regular';
    const layout = (cells: readonly string[], cellFont: FontName) => {
      const laid = cells.map((text, i) => layoutText(this.doc, [{ text: text || ' ', font: cellFont }], columns[i].width - 6, size));
      return { laid, height: Math.max(...laid.map((lines) => textHeight(lines, size))) + 6 };
    };
    const header = layout(columns.map((c) => c.title), 'bold');
    const body = rows.map((row) => layout(row, font));
    const draw = ({ laid, height }: { laid: ReturnType<typeof layout>['laid']; height: number }, isHeader: boolean) => {
      const top = this.doc.y;
      let x = MARGIN;
      laid.forEach((lines, i) => {
        drawLines(this.doc, lines, x + 3, top + 3, size);
        x += columns[i].width;
      });
      this.doc.moveTo(MARGIN, top + height).lineTo(x, top + height).lineWidth(isHeader ? 0.8 : 0.3).strokeColor('#888').stroke();
      this.doc.y = top + height;
    };
    // How many rows from `from` to put on the page that starts its table part at `top`.
    const rowsFor = (from: number, top: number) => {
      let fitting = 0;
      for (let y = top + header.height; from + fitting < body.length && y + body[from + fitting].height <= this.bottom; fitting++) y += body[from + fitting].height;
      const left = body.length - from;
      // Carry enough rows over that the next page does not hold only the table's end.
      return fitting < left && left - fitting < MIN_ROWS_CARRIED ? Math.max(0, left - MIN_ROWS_CARRIED) : fitting;
    };
    const atTopOfPage = () => this.doc.y <= MARGIN + 1;
    // A table starts on a new page rather than with fewer than MIN_ROWS_CARRIED rows at the foot of this one.
    if (!atTopOfPage() && rowsFor(0, this.doc.y) < Math.min(MIN_ROWS_CARRIED, body.length)) this.doc.addPage();
    let next = 0;
    for (;;) {
      let take = rowsFor(next, this.doc.y);
      if (take === 0 && atTopOfPage()) take = 1; // a row taller than a page: drawn anyway
      draw(header, true);
      for (let k = 0; k < take; k++) draw(body[next + k], false);
      next += take;
      if (next >= body.length) break;
      this.doc.addPage();
    }
    this.doc.x = MARGIN;
    this.doc.y += 4;
  }
}

/** A numbered part of the case file. Sections are listed in CASE_FILE_SECTIONS; add one there. */
export interface CaseFileSection {
  readonly title: string;
  write(writer: CaseFileWriter, file: CaseFile): void;
}

const yesNo = (value: boolean) => (value ? 'yes' : 'no');

const summarySection: CaseFileSection = {
  title: 'Summary',
  write(w, file) {
    const s = file.summary;
    w.field('Case', file.caseId);
    w.field('Kind', s.kind === 'wellness_check' ? 'Wellness check' : 'Request for disclosure of library records');
    w.field('Requester', requesterOf(file));
    w.field('Received', s.channel ? `${words('channel', s.channel)}, ${longDate(s.openedAt)}` : longDate(s.openedAt));
    const patronWords = (patron: NonNullable<typeof s.patron>) =>
      `${patron.pseudonym}${patron.ref ? ` (card or patron reference ${patron.ref})` : patron.shredded ? ' (identity destroyed by crypto-shredding)' : file.pseudonymised ? ' (pseudonym only)' : ''}${patron.isMinor ? '; a minor' : ''}`;
    if (s.subject) w.field('About', `${capitalised(words('subjectKind', s.subject.kind))}: ${s.subject.description}${periodOf(s.subject.from, s.subject.to) ? `, ${periodOf(s.subject.from, s.subject.to)}` : ''}`);
    w.field('Patron', s.patron ? patronWords(s.patron) : s.attachedPatrons.length ? s.attachedPatrons.map(patronWords).join('; ') : 'None identified yet');
    w.field('Stated purpose', s.purpose);
    w.field('Records requested', capitalised(categoriesOf(s.requestedCategories)));
    w.field('Records released', capitalised(categoriesOf(s.releasedCategories)));
    w.field('Status', capitalised(words('status', s.status)));
    w.field('Outcome', s.outcome ? capitalised(words('outcome', s.outcome)) : 'None yet');
    if (s.closedAt) w.field('Closed', longDate(s.closedAt));
    w.field('Sealed', s.sealed ? 'Yes: a non-disclosure order covers this case' : 'No');
  },
};

const evaluationSection: CaseFileSection = {
  title: 'Evaluation under the policy',
  write(w, file) {
    if (!file.evaluation) {
      w.paragraph('A wellness check: no request was evaluated.');
      return;
    }
    w.field('Route', capitalised(words('route', file.evaluation.route)));
    w.field('Records staff could release', capitalised(categoriesOf(file.evaluation.permittedCategories)));
    w.paragraph(`${counted(file.evaluation.rules.length, 'rule')} of the policy applied:`, { gapAfter: 4 });
    w.table(
      [{ title: 'Rule', width: 118 }, { title: 'Effect', width: 50 }, { title: 'Citation', width: 132 }, { title: 'Explanation', width: w.width - 300 }],
      file.evaluation.rules.map((rule) => [rule.id, rule.effect, rule.citation, rule.message]),
    );
  },
};

const numbered = (label: string, i: number, total: number) => (total === 1 ? label : `${label} ${i + 1} of ${total}`);

const instrumentsSection: CaseFileSection = {
  title: 'Legal instruments',
  write(w, file) {
    if (file.instruments.length === 0) w.paragraph('No legal instrument has been recorded on this case.');
    const instruments = file.instruments as unknown as Recorded<'LegalInstrumentRecorded'>[];
    instruments.forEach((instrument, i) => {
      w.subheading(`${numbered('Instrument', i, instruments.length)}: ${words('instrumentType', instrument.type)}`);
      w.field('Issued by', instrument.issuedBy);
      w.field('Court', instrument.court);
      w.field('Docket number', instrument.docketNumber);
      w.field('Served', `${longDate(instrument.servedAt)}${instrument.servedOn ? `, on ${instrument.servedOn}` : ''}`);
      const deadlines = file.deadlines.filter((deadline) => deadline.instrumentId === instrument.instrumentId);
      const dated = (kind: CaseDeadline['kind']) => {
        const deadline = deadlines.find((candidate) => candidate.kind === kind);
        if (!deadline) return null;
        return deadline.objectionFiledAt === null ? longDate(deadline.dueAt) : `${longDate(deadline.dueAt)} (clock stopped: objection filed ${longDate(deadline.objectionFiledAt)})`;
      };
      w.field('Return date', dated('return_date'));
      w.field('Last day to object', dated('objection_date'));
      w.field('Records sought', capitalised(categoriesOf(instrument.scope.categories)));
      const scope = periodOf(instrument.scope.from, instrument.scope.to);
      if (scope) w.field('Period of records', scope);
      w.field('Non-disclosure order', instrument.nondisclosureOrder ? 'Yes: the case is sealed' : 'No');
      w.field('SHA-256 of the served document', instrument.documentSha256);
      w.field('Recorded by', `${personOf(file, instrument.by)}, ${longDate(instrument.recordedAt)}`);
    });
  },
};

const counselSection: CaseFileSection = {
  title: 'Referral to counsel and advice',
  write(w, file) {
    if (file.counselReferrals.length + file.advice.length === 0) w.paragraph('The case has not been referred to counsel.');
    const referrals = file.counselReferrals as unknown as Recorded<'ReferredToCounsel'>[];
    referrals.forEach((referral, i) => {
      w.subheading(numbered('Referral', i, referrals.length));
      w.field('Referred to counsel', personOf(file, referral.counselUserId));
      w.field('Referred by', `${personOf(file, referral.by)}, ${longDate(referral.occurredAt)}`);
      w.field('Note', referral.note);
    });
    const advice = file.advice as unknown as Recorded<'CounselAdviceRecorded'>[];
    advice.forEach((given, i) => {
      w.subheading(numbered('Advice of counsel', i, advice.length));
      w.field('Advice', capitalised(words('advice', given.advice)));
      w.field('Given by', `${personOf(file, given.counselUserId)}, ${longDate(given.occurredAt)}`);
      if (given.scope) w.field('Records counsel advised on', capitalised(categoriesOf(given.scope.categories)));
      w.field('Release this advice permits', capitalised(categoriesOf(given.permitsCategories, 'nothing')));
      w.field('Notes', given.notes);
    });
  },
};

const outcomeSection: CaseFileSection = {
  title: 'Decision, release and production',
  write(w, file) {
    if (file.decisions.length + file.productions.length + file.warrantExecutions.length === 0) w.paragraph('No decision, release or production has been recorded.');
    for (const decision of file.decisions as unknown as Recorded<'ReleaseDecided' | 'RequestRefused' | 'PolicyExplained'>[]) {
      if ('decision' in decision) {
        w.subheading(`Decision: ${capitalised(words('decision', decision.decision))}`);
        if (decision.categories.length > 0) w.field('Records', capitalised(categoriesOf(decision.categories)));
        w.field('Rationale', decision.rationale);
        w.field('Decided by', `${personOf(file, decision.decidedBy)}, ${longDate(decision.occurredAt)}`);
      } else if ('reason' in decision) {
        w.subheading('Request refused');
        w.field('Reason', decision.reason);
        w.field('Refused by', `${personOf(file, decision.by)}, ${longDate(decision.occurredAt)}`);
      } else {
        w.subheading('Policy explained; no legal instrument produced');
        w.field('Note', decision.note);
        w.field('Explained by', `${personOf(file, decision.by)}, ${longDate(decision.occurredAt)}`);
      }
    }
    const executions = file.warrantExecutions as unknown as Recorded<'WarrantExecuted'>[];
    executions.forEach((execution, i) => {
      w.subheading(numbered('Search warrant executed', i, executions.length));
      w.field('Records taken', capitalised(categoriesOf(execution.categories)));
      w.field('Officers', execution.officers);
      w.field('Inventory', execution.inventory);
      w.field('Counsel present', capitalised(yesNo(execution.counselPresent)));
      w.field('Recorded by', `${personOf(file, execution.by)}, ${longDate(execution.occurredAt)}`);
    });
    for (const handedOver of file.productions as unknown as Recorded<'RecordsProduced' | 'RecordsReleased' | 'WellnessDisclosureMade'>[]) {
      const produced = 'instrumentIds' in handedOver;
      const wellness = 'agency' in handedOver;
      w.subheading(produced ? 'Records produced' : wellness ? 'Disclosed for a wellness check' : 'Records released by staff');
      w.field('Records', capitalised(categoriesOf(handedOver.categories)));
      if ('recipient' in handedOver) w.field('Recipient', handedOver.recipient);
      if (wellness) w.field('Agency', `${handedOver.agency}${handedOver.officer ? ` (${handedOver.officer})` : ''}`);
      if ('method' in handedOver) w.field('Method', capitalised(words('method', handedOver.method)));
      if ('inventory' in handedOver) w.field('Inventory', handedOver.inventory);
      const period = produced ? periodOf(handedOver.recordsFrom, handedOver.recordsTo, w.timeZone) : null;
      if (period) w.field('Period of records produced', period);
      w.field(produced ? 'Produced by' : 'Released by', `${personOf(file, handedOver.by)}, ${longDate(handedOver.occurredAt)}`);
    }
  },
};

const findingsSection: CaseFileSection = {
  title: 'Compliance findings',
  write(w, file) {
    if (file.findings.length === 0) {
      w.paragraph(`No compliance finding had been recorded on this case when the file was prepared (${longDate(file.generatedAt)}).`);
      return;
    }
    w.paragraph(`${counted(file.findings.length, 'finding')} recorded on this case, oldest first:`, { gapAfter: 4 });
    w.table(
      [{ title: 'Severity', width: 58 }, { title: 'Rule', width: 112 }, { title: 'Detected', width: 70 }, { title: 'Finding', width: w.width - 370 }, { title: 'Citation', width: 130 }],
      [...file.findings]
        .sort((a, b) => a.detectedAt.localeCompare(b.detectedAt))
        .map((finding) => [capitalised(words('severity', finding.severity)), finding.rule, longDate(finding.detectedAt), finding.message, finding.citation]),
    );
  },
};

const chronologySection: CaseFileSection = {
  title: 'Chronology',
  write(w, file) {
    w.paragraph(`${counted(file.chronology.length, 'event')}, in the order the ledger recorded them. "Occurred" is when it happened as stated; "Recorded" is when the ledger wrote it.`, { gapAfter: 4 });
    w.table(
      [{ title: '#', width: 20 }, { title: 'Occurred', width: 66 }, { title: 'Recorded', width: 66 }, { title: 'Event', width: 84 }, { title: 'By', width: 84 }, { title: 'Details', width: w.width - 320 }],
      file.chronology.map((entry) => [entry.revision, longDate(entry.occurredAt), longDate(entry.recordedAt), entry.label, personOf(file, entry.by), describeEntry(file, entry)]),
    );
  },
};

const manifestSection: CaseFileSection = {
  title: 'Integrity manifest',
  write(w, file) {
    w.paragraph(
      file.chain.ok
        ? `Chain check: intact. All ${counted(file.chain.events, 'event')} of this case stream were re-hashed from the stored bytes, and each links to the one before.`
        : `Chain check: BROKEN at revision ${file.chain.firstBroken!.revision} (${file.chain.firstBroken!.reason.replace(/_/g, ' ')}); ${counted(file.chain.events, 'event')} verified before it.`,
      { gapAfter: 4 },
    );
    w.table(
      [{ title: '#', width: 20 }, { title: 'Event', width: 118 }, { title: 'SHA-256 chain hash', width: w.width - 138 }],
      file.manifest.map((link) => [link.revision, link.type, link.hash ?? 'missing']),
      { font: 'mono', size: 7 },
    );
  },
};

/** The checkpoint the file's proofs lead to, and how anyone checks the JSON file without the ledger. */
const verifiableLogSection: CaseFileSection = {
  title: 'Verifiable log',
  write(w, file) {
    const log = file.log;
    if (!log) {
      w.paragraph('This file carries no proofs from the verifiable log.');
      return;
    }
    w.field('Log (origin)', log.origin);
    w.field('Entries covered (checkpoint size)', String(log.size));
    w.field('Root hash (base64)', log.root);
    w.field('Signing key id', log.keyId);
    w.field('Leaf index of each event', file.manifest.map((link) => `revision ${link.revision}: ${link.leafIndex ?? 'none'}`).join('; '));
    w.paragraph(
      'Every event of this case is an entry of the library\u2019s append-only Merkle log (RFC 9162), whose Ed25519-signed checkpoints ' +
        'are handed to auditors as the ledger grows. The JSON export of this case file carries each event\u2019s stored bytes, its inclusion ' +
        'proof and the signed checkpoint above. Anyone can check it offline, without the ledger or its server: ' +
        '\u201cledger verify-file case-file.json --key library-log.pub\u201d re-hashes every event, checks each link of the chain, each inclusion ' +
        'proof and the checkpoint\u2019s signature, and names the first thing that is wrong. The key should come from the library itself or an ' +
        'auditor\u2019s witness, not from the file; a checkpoint the auditor\u2019s witness also holds shows that the log was not rewritten since.',
      { gapAfter: 4 },
    );
  },
};

/** The numbered sections after the cover page, in order. */
export const CASE_FILE_SECTIONS: readonly CaseFileSection[] = [
  summarySection,
  evaluationSection,
  instrumentsSection,
  counselSection,
  outcomeSection,
  findingsSection,
  chronologySection,
  verifiableLogSection,
  manifestSection,
];

/** Who the file was prepared for, as the cover says it. */
function preparedStatement(file: CaseFile): string {
  const from = 'from the library\u2019s tamper-evident disclosure ledger';
  const recipient = file.recipient;
  if (!recipient) return `Exported ${from} on the library\u2019s server by its operator, with the ledger\u2019s command-line tool.`;
  const who = `${recipient.name}, ${words('role', recipient.role)}`;
  return recipient.role === 'counsel' ? `Prepared at the request of counsel, ${who}, ${from}.` : `Prepared for ${who}, ${from}.`;
}

function coverPage(w: CaseFileWriter, file: CaseFile): void {
  const doc = w.doc;
  doc.y = 110;
  w.paragraph(PRIVILEGE_NOTICE, { font: 'bold', size: 12, color: '#8b0000', align: 'center', gapAfter: 30 });
  w.paragraph('Case File', { font: 'bold', size: 22, align: 'center', gapAfter: 8 });
  w.paragraph(file.caseId, { size: 13, align: 'center', gapAfter: 40 });
  w.paragraph(preparedStatement(file), { gapAfter: 12 });
  w.field('Prepared', longDate(file.generatedAt));
  w.field('Patron identity', file.pseudonymised ? `pseudonymised: ${file.summary.patron ? `the patron appears only as ${file.summary.patron.pseudonym}` : 'patrons appear only by pseudonym'}` : 'included');
  w.field('Policy version', file.policyVersions.join(', '));
  w.field(
    'Integrity of this case stream',
    file.chain.ok
      ? `verified: ${counted(file.chain.events, 'event')}, every hash recomputed from the stored bytes`
      : `BROKEN at revision ${file.chain.firstBroken!.revision} (${file.chain.firstBroken!.reason.replace(/_/g, ' ')})`,
  );
  if (file.summary.sealed) {
    doc.y += 12;
    w.paragraph('SEALED: this case is subject to a non-disclosure order. Do not disclose its existence or content.', { font: 'bold', color: '#8b0000' });
  }
  doc.y += 24;
  w.paragraph(
    'Every entry in this file is an immutable event of the case stream. The integrity manifest at the end lists each event\u2019s SHA-256 chain hash, so that the file can be checked against the ledger.',
    { size: 8 },
  );
}

/**
 * The layout of the PDF's pages. `ledger verify-file` renders the pages again from the case file a
 * PDF embeds and compares them byte for byte when the PDF was laid out the same way: change this
 * whenever a change to this file (or pdfkit, or the fonts) changes the bytes of a rendered page.
 */
export const CASE_FILE_PDF_LAYOUT = '1';

export interface CaseFilePdfOptions {
  /** The library's time zone (`LEDGER_TIMEZONE`), for the period of records produced; default UTC. */
  readonly timeZone?: string;
}

/** The PDF's information dictionary keys the verifier reads back: what it needs to render the pages again. */
export const CASE_FILE_PDF_INFO = { layout: 'CaseFileLayout', timeZone: 'TimeZone' } as const;

/** The name of the JSON case file a PDF embeds. */
export const embeddedCaseFileName = (file: Pick<CaseFile, 'caseId'>) => `case-${file.caseId}.json`;

/**
 * The case file as a document counsel can rely on: a cover page, the numbered sections, page numbers and the privilege marking on every page.
 * It embeds the JSON case file it was rendered from (PDF/A-3's way: an EmbeddedFiles entry and the catalog's /AF, /AFRelationship
 * /Source, application/json), which `ledger verify-file` extracts and checks; the bytes depend only on the file and the time zone.
 * pdfkit is loaded on the first export, not when the API or the CLI starts: most starts never render a PDF.
 */
export async function renderCaseFilePdf(file: CaseFile, options: CaseFilePdfOptions = {}): Promise<Buffer> {
  const { default: PDFDocument } = await import('pdfkit');
  const timeZone = options.timeZone ?? 'UTC';
  const generatedAt = new Date(file.generatedAt);
  const doc = new PDFDocument({
    size: 'LETTER',
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    bufferPages: true,
    // The creation date is the file's own (pdfkit's default is the clock): the same file renders to the same bytes, which verify-file relies on.
    info: {
      Title: file.title,
      Subject: PRIVILEGE_NOTICE,
      Creator: 'Disclosure Ledger',
      CreationDate: generatedAt,
      [CASE_FILE_PDF_INFO.layout]: CASE_FILE_PDF_LAYOUT,
      [CASE_FILE_PDF_INFO.timeZone]: timeZone,
    } as PDFKit.DocumentInfo,
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  registerFonts(doc);
  const writer = new CaseFileWriter(doc, timeZone);

  coverPage(writer, file);
  doc.addPage();
  CASE_FILE_SECTIONS.forEach((section, i) => {
    writer.heading(`${i + 1}. ${section.title}`);
    section.write(writer, file);
  });

  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font('regular').fontSize(7).fillColor('#444');
    doc.text(`Privileged and confidential — case ${file.caseId}`, MARGIN, doc.page.height - 40, { width: writer.width / 2, lineBreak: false });
    doc.text(`Page ${i + 1 - range.start} of ${range.count}`, MARGIN + writer.width / 2, doc.page.height - 40, { width: writer.width / 2, align: 'right', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
  doc.fillColor('#000');
  doc.file(renderCaseFileJson(file), {
    name: embeddedCaseFileName(file),
    type: 'application/json',
    relationship: 'Source',
    description: 'The case file this document was rendered from, with the proofs that ledger verify-file checks',
    creationDate: generatedAt,
    modifiedDate: generatedAt,
  } as PDFKit.Mixins.PDFAttachmentOptions & { relationship: string }); // pdfkit 0.20 writes /AFRelationship; its types predate it
  doc.end();
  return done;
}
