import PDFDocument from 'pdfkit';
import type { TenantTx } from '@/db/with-tenant';
import { storeUploads, type UploadAnswer } from './uploads';

/*
 * Demonstration data only: the seeded services and responses answer their upload questions with a short real
 * PDF, so the documents on a demo marketplace can be downloaded like uploaded ones. Helvetica (pdfkit's built-in
 * font, no embedding) keeps seeding fast; the demo tenants write in Latin scripts.
 */

function isUploadAnswer(value: unknown): value is UploadAnswer {
  return typeof value === 'object' && value !== null && typeof (value as UploadAnswer).fileId === 'string' && typeof (value as UploadAnswer).type === 'string';
}

function demoPdf(title: string, lines: string[]): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: title, Creator: 'Digital Marketplace (demo)' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.font('Helvetica-Bold').fontSize(18).text(title);
  doc.moveDown().font('Helvetica').fontSize(11);
  for (const line of lines) doc.text(line).moveDown(0.5);
  doc.end();
  return done;
}

/** Stores a generated PDF for every PDF upload answer in `answers`, under the answer's file id; returns the answers with real sizes. */
export async function storeDemoDocuments(
  tx: TenantTx,
  answers: Record<string, unknown>,
  owner: { supplierId: string; actor: string },
  heading: string,
): Promise<Record<string, unknown>> {
  const out = { ...answers };
  const files = [];
  for (const [questionId, value] of Object.entries(answers)) {
    if (!isUploadAnswer(value) || value.type !== 'pdf') continue;
    const content = await demoPdf(heading, [value.name, 'Demonstration document generated for this marketplace.']);
    files.push({ id: value.fileId, name: value.name, type: value.type, content });
    out[questionId] = { ...value, bytes: content.length };
  }
  await storeUploads(tx, files, owner);
  return out;
}
