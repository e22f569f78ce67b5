import path from 'node:path';
import PDFDocument from 'pdfkit';
import { formatDate, formatMoney, type FormatSettings } from '@/modules/i18n/format';
import type { TFunction } from '@/modules/i18n/server';
import type { ContractDetail, Milestone, Signature, StatementOfWork } from './service';
import { flattenTerms, termLabel } from './terms';

/*
 * PDFs of a contract (the version shown on its page: pending if any, else in force) and of a statement of work,
 * drawn with pdfkit (pure JS) in DejaVu Sans, embedded and subset: it covers the Latin letters of Welsh
 * (ŵ, ŷ), French and Spanish. Arabic glyphs are in the font, but pdfkit does not reorder right-to-left text,
 * so Arabic would come out in the wrong order: no demo tenant writes contracts in Arabic; a bidi step would be
 * needed before offering it.
 */

const FONT_DIR = path.join(process.cwd(), 'node_modules', 'dejavu-fonts-ttf', 'ttf');
const REGULAR = path.join(FONT_DIR, 'DejaVuSans.ttf');
const BOLD = path.join(FONT_DIR, 'DejaVuSans-Bold.ttf');

export interface PdfContext {
  t: TFunction;
  fmt: FormatSettings;
  locale: string;
  fallbackLocale: string;
  marketplace: string;
}

function newDocument(title: string): PDFKit.PDFDocument {
  const doc = new PDFDocument({ size: 'A4', margin: 56, font: REGULAR, info: { Title: title, Creator: 'Digital Marketplace' }, bufferPages: true });
  doc.registerFont('regular', REGULAR);
  doc.registerFont('bold', BOLD);
  return doc;
}

function finish(doc: PDFKit.PDFDocument, ctx: PdfContext): Promise<Buffer> {
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font('regular').fontSize(8).fillColor('#555555').text(`${ctx.marketplace} · ${ctx.t('contracts.pdf.page', { page: i + 1 })}`, 56, doc.page.height - 40, { lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}

function heading(doc: PDFKit.PDFDocument, text: string, size = 14): void {
  doc.moveDown(0.8).font('bold').fontSize(size).fillColor('#000000').text(text).moveDown(0.3);
}

function field(doc: PDFKit.PDFDocument, label: string, value: string): void {
  doc.font('bold').fontSize(10).fillColor('#000000').text(label);
  doc.font('regular').fontSize(10).text(value || '—').moveDown(0.4);
}

function signatureLines(doc: PDFKit.PDFDocument, ctx: PdfContext, signatures: Signature[]): void {
  for (const side of ['buyer', 'supplier'] as const) {
    const s = signatures.find((x) => x.side === side);
    field(
      doc,
      ctx.t(`contracts.sides.${side}`),
      s ? ctx.t('contracts.signedBy', { name: s.signerName, role: s.signerRole, time: formatDate(s.signedAt, ctx.fmt, 'dateTime') }) : ctx.t('contracts.notSigned'),
    );
  }
}

function money(ctx: PdfContext, value: string | number, currency: string): string {
  return formatMoney(Number(value), { ...ctx.fmt, currency });
}

function day(ctx: PdfContext, iso: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(iso) ? formatDate(new Date(`${iso}T12:00:00Z`), ctx.fmt) : iso;
}

export async function contractPdf(ctx: PdfContext, detail: ContractDetail): Promise<Buffer> {
  const { t } = ctx;
  const { contract, shown } = detail;
  const doc = newDocument(contract.title);
  doc.font('regular').fontSize(9).fillColor('#555555').text(ctx.marketplace);
  doc.font('bold').fontSize(20).fillColor('#000000').text(contract.title).moveDown(0.2);
  doc.font('regular').fontSize(10).text(`${t('contracts.reference', { reference: contract.reference })} · ${t('contracts.termsHeading', { version: shown.version })} · ${t(`contracts.status.${contract.status}`)}`);
  doc.fontSize(9).fillColor('#555555').text(t('contracts.pdf.generatedOn', { date: formatDate(new Date(), ctx.fmt, 'dateTime') }));
  const signatures = detail.signatures.filter((s) => s.documentType === 'contract' && s.documentVersion === shown.version);
  if (signatures.length < 2) doc.moveDown(0.5).font('bold').fontSize(10).fillColor('#8a1c1c').text(t('contracts.pdf.notInForce'));
  heading(doc, t('contracts.parties'));
  field(doc, t('contracts.buyer'), detail.buyerName);
  field(doc, t('contracts.supplier'), detail.supplierName);
  field(doc, t('contracts.currency'), contract.currency);
  heading(doc, t('contracts.termsTitle'));
  const values = flattenTerms(shown);
  for (const f of detail.fields) {
    const raw = values[f.id] ?? '';
    const shownValue = raw === '' ? t('contracts.notGiven') : f.type === 'money' ? money(ctx, raw, contract.currency) : f.type === 'date' ? day(ctx, raw) : raw;
    field(doc, termLabel(f, t, ctx.locale, ctx.fallbackLocale), shownValue);
  }
  if (shown.variationReason) field(doc, t('contracts.variationReasonLabel'), shown.variationReason);
  if (detail.statements.length > 0) {
    heading(doc, t('statementsOfWork.title'));
    for (const s of detail.statements) doc.font('regular').fontSize(10).text(`${t('statementsOfWork.numbered', { number: s.number, title: s.title })} — ${money(ctx, s.price, contract.currency)} (${t(`contracts.status.${s.status}`)})`);
  }
  heading(doc, t('contracts.signaturesHeading', { version: shown.version }));
  signatureLines(doc, ctx, signatures);
  return finish(doc, ctx);
}

export async function statementPdf(ctx: PdfContext, detail: ContractDetail, statement: StatementOfWork): Promise<Buffer> {
  const { t } = ctx;
  const { contract } = detail;
  const title = t('statementsOfWork.numbered', { number: statement.number, title: statement.title });
  const doc = newDocument(title);
  doc.font('regular').fontSize(9).fillColor('#555555').text(ctx.marketplace);
  doc.font('bold').fontSize(18).fillColor('#000000').text(title).moveDown(0.2);
  doc.font('regular').fontSize(10).text(`${contract.title} · ${t('contracts.reference', { reference: contract.reference })} · ${t(`contracts.status.${statement.status}`)}`);
  doc.fontSize(9).fillColor('#555555').text(t('contracts.pdf.generatedOn', { date: formatDate(new Date(), ctx.fmt, 'dateTime') }));
  heading(doc, t('contracts.parties'));
  field(doc, t('contracts.buyer'), detail.buyerName);
  field(doc, t('contracts.supplier'), detail.supplierName);
  heading(doc, t('statementsOfWork.scope'));
  doc.font('regular').fontSize(10).fillColor('#000000').text(statement.scope);
  heading(doc, t('statementsOfWork.milestones'));
  (statement.milestones as unknown as Milestone[]).forEach((m, i) => {
    doc.font('bold').fontSize(11).text(`${i + 1}. ${m.title}`);
    field(doc, t('statementsOfWork.dueDate'), day(ctx, m.dueDate));
    field(doc, t('statementsOfWork.acceptanceCriteria'), m.acceptanceCriteria);
    field(doc, t('statementsOfWork.price'), money(ctx, m.price, contract.currency));
  });
  field(doc, t('statementsOfWork.total'), money(ctx, statement.price, contract.currency));
  heading(doc, t('statementsOfWork.signaturesHeading'));
  signatureLines(doc, ctx, detail.signatures.filter((s) => s.documentType === 'statement_of_work' && s.documentId === statement.id && s.documentVersion === statement.version));
  return finish(doc, ctx);
}
