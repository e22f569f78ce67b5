import { createHash, randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { uploadedFiles } from '@/db/schema/tenant-files';
import type { TenantTx } from '@/db/with-tenant';
import type { AnswerError } from '@/modules/frameworks/answer-validation';
import type { TQuestion } from '@/modules/frameworks/definition-schema';
import { detectUploadType, mediaTypeOf, safeFileName, type UploadType } from './content';

/*
 * Files chosen in a generated form's upload questions. They arrive in the same multipart form as the other
 * answers (so the form works without JavaScript), are checked by content and size, become an answer
 * { fileId, name, type, bytes }, and are stored only once the answers they belong to were saved without error:
 * bad input stores nothing.
 */

export interface UploadAnswer {
  fileId: string;
  name: string;
  type: UploadType;
  bytes: number;
}

interface PreparedFile {
  id: string;
  name: string;
  type: UploadType;
  content: Buffer;
}

export interface PreparedUploads {
  answers: Record<string, UploadAnswer>;
  errors: AnswerError[];
  files: PreparedFile[];
}

const megabytes = (bytes: number) => `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;

export async function prepareUploads(form: FormData, questions: TQuestion[]): Promise<PreparedUploads> {
  const prepared: PreparedUploads = { answers: {}, errors: [], files: [] };
  for (const q of questions) {
    if (q.type !== 'upload') continue;
    const value = form.get(q.id);
    // No file chosen keeps the stored one (answer-validation merges it back).
    if (!(value instanceof File) || value.size === 0) continue;
    if (value.size > q.maxBytes) {
      prepared.errors.push({ questionId: q.id, code: 'uploadTooLarge', params: { max: megabytes(q.maxBytes) } });
      continue;
    }
    const content = Buffer.from(await value.arrayBuffer());
    const type = await detectUploadType(content);
    if (!type || !(q.accept as string[]).includes(type)) {
      prepared.errors.push({ questionId: q.id, code: 'uploadWrongType', params: { types: q.accept.join(', ').toUpperCase() } });
      continue;
    }
    const file = { id: randomUUID(), name: safeFileName(value.name, type), type, content };
    prepared.files.push(file);
    prepared.answers[q.id] = { fileId: file.id, name: file.name, type, bytes: content.length };
  }
  return prepared;
}

/** After the answers were saved: the files they point at. */
export async function storeUploads(tx: TenantTx, files: PreparedFile[], owner: { supplierId: string; actor: string }): Promise<void> {
  if (files.length === 0) return;
  await tx.insert(uploadedFiles).values(
    files.map((f) => ({
      id: f.id,
      supplierId: owner.supplierId,
      uploadedBy: owner.actor,
      name: f.name,
      extension: f.type,
      mediaType: mediaTypeOf(f.type),
      bytes: f.content.length,
      sha256: createHash('sha256').update(f.content).digest('hex'),
      content: f.content,
    })),
  );
}

export type DownloadableFile = Pick<typeof uploadedFiles.$inferSelect, 'id' | 'name' | 'mediaType' | 'content'> & { isPublic: boolean };

/**
 * A file this person may download, or null (unknown and forbidden look the same). Public: an answer of a
 * published service. Otherwise a member of the supplier that uploaded it, a member of the buyer organisation
 * whose opportunity received a submitted response that includes it, or the tenant's assessors (framework
 * managers and administrators, who review applications and edits).
 */
export async function findDownloadableFile(tx: TenantTx, fileId: string, userId: string | null, opts: { assessor?: boolean } = {}): Promise<DownloadableFile | null> {
  const mentions = (column: string) => sql.raw(`jsonb_path_exists(${column}, '$.*.fileId ? (@ == $id)', jsonb_build_object('id', f.id::text))`);
  const rows = await tx.execute<{ id: string; name: string; media_type: string; content: Buffer; is_public: boolean }>(sql`
    select f.id, f.name, f.media_type, f.content,
      exists (select 1 from services s where s.supplier_id = f.supplier_id and s.status = 'published' and ${mentions('s.answers')}) as is_public
    from uploaded_files f
    where f.id = ${fileId}
      and (
        ${opts.assessor === true}
        or exists (select 1 from services s where s.supplier_id = f.supplier_id and s.status = 'published' and ${mentions('s.answers')})
        or exists (select 1 from supplier_members m where m.supplier_id = f.supplier_id and m.user_id = ${userId} and m.accepted_at is not null)
        or exists (
          select 1 from opportunity_responses r
          join opportunities o on o.id = r.opportunity_id
          join buyer_members b on b.organisation_id = o.organisation_id and b.user_id = ${userId}
          where r.supplier_id = f.supplier_id and r.submitted_at is not null and ${mentions('r.answers')})
      )
    limit 1`);
  const row = rows[0];
  if (!row) return null;
  return { id: row.id, name: row.name, mediaType: row.media_type, content: Buffer.from(row.content), isPublic: row.is_public };
}
