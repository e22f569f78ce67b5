import { describe, expect, it } from 'vitest';
import { attachmentDisposition, detectUploadType, safeFileName } from '@/modules/files/content';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n');
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

describe('uploaded files are typed by their content', () => {
  it('recognises documents by signature, whatever their name says', async () => {
    expect(await detectUploadType(PDF)).toBe('pdf');
    expect(await detectUploadType(PNG)).toBe('png');
  });

  it('refuses markup, executables and binary noise, even when named .pdf or .csv', async () => {
    expect(await detectUploadType(Buffer.from('<!doctype html><script>alert(1)</script>'))).toBeNull();
    expect(await detectUploadType(Buffer.from('name,value\n<svg onload=alert(1)>,1\n'))).toBeNull();
    expect(await detectUploadType(Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'))).toBeNull();
    expect(await detectUploadType(Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x02]))).toBeNull();
    expect(await detectUploadType(Buffer.alloc(0))).toBeNull();
  });

  it('takes plain UTF-8 text as CSV', async () => {
    expect(await detectUploadType(Buffer.from('role,day rate\nDeveloper,650\nCymraeg ŵ ŷ,1\n'))).toBe('csv');
  });
});

describe('uploaded file names', () => {
  it('keep only the last path segment and the real extension', () => {
    expect(safeFileName('../../etc/passwd', 'pdf')).toBe('passwd.pdf');
    expect(safeFileName('C:\\Users\\me\\Pricing.docx', 'pdf')).toBe('Pricing.pdf');
    expect(safeFileName('report.pdf.exe', 'pdf')).toBe('report.pdf.pdf');
    expect(safeFileName('...', 'pdf')).toBe('document.pdf');
  });

  it('lose control, zero-width and bidi-override characters, and are NFC', () => {
    expect(safeFileName('invoice\u202Efdp.exe', 'pdf')).toBe('invoicefdp.pdf');
    expect(safeFileName('pri\u200bcing\u0000.pdf', 'pdf')).toBe('pricing.pdf');
    expect(safeFileName('Cyllideb Cymru\u0302.pdf', 'pdf')).toBe('Cyllideb Cymrû.pdf'.normalize('NFC'));
    expect(safeFileName('<script>alert(1)</script>.pdf', 'pdf')).toBe('script_.pdf');
    expect(safeFileName('<img src=x onerror=alert(1)>.pdf', 'pdf')).toBe('_img src=x onerror=alert(1)_.pdf');
  });

  it('go back as an attachment with an ASCII fallback and the UTF-8 name', () => {
    expect(attachmentDisposition('Dogfen "gwasanaeth" ŵ.pdf')).toBe(`attachment; filename="Dogfen _gwasanaeth_ _.pdf"; filename*=UTF-8''Dogfen%20%22gwasanaeth%22%20%C5%B5.pdf`);
  });
});
