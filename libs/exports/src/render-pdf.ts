import PDFDocument from 'pdfkit';
import { type CaseFile, PRIVILEGE_NOTICE } from './case-file.js';

type Doc = PDFKit.PDFDocument;

const MARGIN = 56;
const BODY = 10;
const SMALL = 8;

/** `2025-03-03T10:00:00.000Z` → `2025-03-03 10:00:00 UTC`: one line in a table cell. */
const when = (iso: string): string => {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : `${date.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
};

const humanise = (value: unknown): string => {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) return value.length ? value.map(humanise).join(', ') : 'none';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'object') return Object.entries(value as Record<string, unknown>).map(([k, v]) => `${k}: ${humanise(v)}`).join('; ');
  return String(value);
};

function heading(doc: Doc, text: string): void {
  if (doc.y > doc.page.height - MARGIN - 80) doc.addPage();
  doc.moveDown(0.8).font('Helvetica-Bold').fontSize(14).fillColor('#000').text(text, MARGIN).moveDown(0.3);
  doc.font('Helvetica').fontSize(BODY);
}

function field(doc: Doc, label: string, value: unknown): void {
  doc.font('Helvetica-Bold').fontSize(BODY).text(`${label}: `, MARGIN, undefined, { continued: true }).font('Helvetica').text(humanise(value));
}

function record(doc: Doc, title: string, entries: Record<string, unknown>, skip: string[] = []): void {
  doc.moveDown(0.3).font('Helvetica-Bold').fontSize(BODY).text(title, MARGIN);
  for (const [key, value] of Object.entries(entries)) {
    if (skip.includes(key) || value === undefined) continue;
    field(doc, key, value);
  }
}

interface Column {
  readonly title: string;
  readonly width: number;
}

/** A ruled table that breaks across pages and repeats its header. */
function table(doc: Doc, columns: Column[], rows: string[][], font = 'Helvetica', size = SMALL): void {
  const drawRow = (cells: string[], bold: boolean) => {
    doc.font(bold ? 'Helvetica-Bold' : font).fontSize(size);
    const height = Math.max(...cells.map((text, i) => doc.heightOfString(text || ' ', { width: columns[i]!.width - 6 }))) + 6;
    if (doc.y + height > doc.page.height - MARGIN - 20) {
      doc.addPage();
      if (!bold) drawRow(columns.map((c) => c.title), true);
      doc.font(bold ? 'Helvetica-Bold' : font).fontSize(size);
    }
    const top = doc.y;
    let x = MARGIN;
    cells.forEach((text, i) => {
      doc.text(text || ' ', x + 3, top + 3, { width: columns[i]!.width - 6 });
      x += columns[i]!.width;
    });
    doc.moveTo(MARGIN, top + height).lineTo(x, top + height).lineWidth(bold ? 1 : 0.3).strokeColor('#888').stroke();
    doc.x = MARGIN;
    doc.y = top + height;
  };
  drawRow(columns.map((c) => c.title), true);
  for (const row of rows) drawRow(row, false);
  doc.font('Helvetica').fontSize(BODY).text('', MARGIN);
}

/** The case file as a PDF a lawyer can read: cover page with the privilege notice, sections, a chronology table, the hash manifest, page numbers. */
export function renderCaseFilePdf(file: CaseFile): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'LETTER',
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    bufferPages: true,
    info: { Title: `${file.title}`, Subject: PRIVILEGE_NOTICE, Creator: 'Disclosure Ledger' },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = doc.page.width - 2 * MARGIN;

  // Cover page.
  doc.font('Helvetica-Bold').fontSize(13).fillColor('#8b0000').text(PRIVILEGE_NOTICE, MARGIN, 120, { width, align: 'center' });
  doc.moveDown(2).fillColor('#000').fontSize(22).text('Case File', { width, align: 'center' });
  doc.moveDown(0.5).font('Helvetica').fontSize(14).text(file.caseId, { width, align: 'center' });
  doc.moveDown(3).fontSize(BODY);
  field(doc, 'Prepared for', file.preparedFor);
  field(doc, 'Generated', file.generatedAt);
  field(doc, 'Patron identity', file.pseudonymised ? `pseudonymised (${file.summary.patron.pseudonym})` : 'included');
  field(doc, 'Policy version(s)', file.policyVersions);
  field(doc, 'Integrity of this case stream', file.chain.ok ? `verified: ${file.chain.events} events, every hash recomputed from the stored bytes` : `BROKEN at revision ${file.chain.firstBroken!.revision} (${file.chain.firstBroken!.reason.replace(/_/g, ' ')})`);
  if (file.summary.sealed) {
    doc.moveDown(1).font('Helvetica-Bold').fillColor('#8b0000').text('SEALED: this case is subject to a non-disclosure order. Do not disclose its existence or content.', { width });
    doc.fillColor('#000').font('Helvetica');
  }
  doc.moveDown(2).fontSize(SMALL).text(
    'Prepared at the request of legal counsel from the library\u2019s tamper-evident disclosure ledger. Every entry below is an immutable event of the case stream; the manifest lists each event\u2019s SHA-256 chain hash.',
    { width },
  );

  doc.addPage();
  const s = file.summary;
  heading(doc, '1. Summary');
  field(doc, 'Case', file.caseId);
  field(doc, 'Kind', s.kind.replace(/_/g, ' '));
  field(doc, 'Requester', s.requester ? `${s.requester.name} (${s.requesterKind})${s.requester.agency ? `, ${s.requester.agency}` : ''}${s.requester.badgeNumber ? `, badge ${s.requester.badgeNumber}` : ''}` : s.requesterKind);
  field(doc, 'Channel', s.channel);
  field(doc, 'Patron', `${s.patron.pseudonym}${s.patron.ref ? ` (reference ${s.patron.ref})` : s.patron.shredded ? ' (identity destroyed)' : ''}${s.patron.isMinor ? ', a minor' : ''}`);
  field(doc, 'Purpose', s.purpose);
  field(doc, 'Requested categories', s.requestedCategories);
  field(doc, 'Released categories', s.releasedCategories);
  field(doc, 'Status', s.status);
  field(doc, 'Outcome', s.outcome);
  field(doc, 'Opened', s.openedAt);
  field(doc, 'Closed', s.closedAt);
  field(doc, 'Sealed', s.sealed);

  heading(doc, '2. Evaluation and rules fired');
  if (file.evaluation) {
    field(doc, 'Route', file.evaluation.route.replace(/_/g, ' '));
    field(doc, 'Permitted categories', file.evaluation.permittedCategories);
    table(
      doc,
      [{ title: 'Rule', width: 120 }, { title: 'Effect', width: 60 }, { title: 'Citation', width: 130 }, { title: 'Message', width: width - 310 }],
      file.evaluation.rules.map((rule) => [rule.id, rule.effect, rule.citation, rule.message]),
    );
  } else doc.text('A wellness check: no request was evaluated.');

  heading(doc, '3. Legal instruments');
  if (file.instruments.length === 0) doc.text('None recorded.');
  file.instruments.forEach((instrument, i) => record(doc, `Instrument ${i + 1}`, instrument, ['caseId']));

  heading(doc, '4. Referral to counsel and advice');
  if (file.counselReferrals.length + file.advice.length === 0) doc.text('None recorded.');
  file.counselReferrals.forEach((referral, i) => record(doc, `Referral ${i + 1}`, referral, ['caseId']));
  file.advice.forEach((advice, i) => record(doc, `Advice ${i + 1}`, advice, ['caseId']));

  heading(doc, '5. Decision, release and production');
  if (file.decisions.length + file.productions.length + file.warrantExecutions.length === 0) doc.text('None recorded.');
  file.decisions.forEach((decision, i) => record(doc, `Decision ${i + 1}`, decision, ['caseId']));
  file.warrantExecutions.forEach((execution, i) => record(doc, `Warrant execution ${i + 1}`, execution, ['caseId']));
  file.productions.forEach((production, i) => record(doc, `Release or production ${i + 1}`, production, ['caseId']));

  heading(doc, '6. Chronology');
  table(
    doc,
    [
      { title: '#', width: 22 },
      { title: 'Occurred', width: 78 },
      { title: 'Recorded', width: 78 },
      { title: 'Event', width: 110 },
      { title: 'By', width: 80 },
      { title: 'Detail', width: width - 368 },
    ],
    file.chronology.map((entry) => [
      entry.revision,
      when(entry.occurredAt),
      when(entry.recordedAt),
      `${entry.label} (${entry.type})`,
      `${entry.byName ?? entry.by}${entry.role ? ` (${entry.role})` : ''}`,
      entry.detail ?? '',
    ]),
  );

  heading(doc, '7. Integrity manifest');
  doc.text(
    file.chain.ok
      ? `Chain check: intact. All ${file.chain.events} events of this case stream were re-hashed from the stored bytes and each links to the one before.`
      : `Chain check: BROKEN at revision ${file.chain.firstBroken!.revision} (${file.chain.firstBroken!.reason.replace(/_/g, ' ')}); ${file.chain.events} events verified before it.`,
    MARGIN,
    undefined,
    { width },
  );
  doc.moveDown(0.5);
  table(
    doc,
    [{ title: '#', width: 22 }, { title: 'Event', width: 120 }, { title: 'SHA-256 chain hash', width: width - 142 }],
    file.manifest.map((link) => [link.revision, link.type, link.hash ?? 'missing']),
    'Courier',
    7,
  );

  // Page numbers and the privilege marking on every page.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font('Helvetica').fontSize(7).fillColor('#444');
    doc.text(`Privileged and confidential — ${file.caseId}`, MARGIN, doc.page.height - 40, { width: width / 2, lineBreak: false });
    doc.text(`Page ${i + 1 - range.start} of ${range.count}`, MARGIN + width / 2, doc.page.height - 40, { width: width / 2, align: 'right', lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
  doc.fillColor('#000');
  doc.end();
  return done;
}
