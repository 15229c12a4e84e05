import { describe, expect, it } from 'vitest';
import {
  downloadName,
  editionExports,
  exportUrl,
  motionExport,
  sizeText,
  trackingExport,
} from './exports';

describe('exportUrl', () => {
  it('asks for the format, and for the redline only where one exists', () => {
    expect(exportUrl(motionExport('ab c'), 'docx', true)).toBe(
      '/api/motions/ab%20c/export?format=docx&redline=1',
    );
    expect(exportUrl(motionExport('m1'), 'txt', false)).toBe('/api/motions/m1/export?format=txt');
    const [, , results] = editionExports('labour-2025');
    expect(exportUrl(results!, 'pdf', true)).toBe('/api/editions/labour-2025/results?format=pdf');
    expect(exportUrl(trackingExport, 'csv', true)).toBe('/api/motions/export?format=csv');
  });
});

describe('downloadName', () => {
  it("prefers the server's UTF-8 name, then the plain one, then the fallback", () => {
    expect(
      downloadName(`attachment; filename="a.docx"; filename*=UTF-8''R%C3%A9forme.docx`, 'x'),
    ).toBe('Réforme.docx');
    expect(downloadName('attachment; filename="open-selection.pdf"', 'x')).toBe(
      'open-selection.pdf',
    );
    expect(downloadName(null, 'motion.txt')).toBe('motion.txt');
  });

  it('never answers a path, and survives a malformed encoding', () => {
    expect(downloadName(`attachment; filename*=UTF-8''..%2F..%2Fetc%2Fpasswd`, 'x')).toBe(
      '.._.._etc_passwd',
    );
    expect(downloadName(`attachment; filename*=UTF-8''%E0%A4%A`, 'fallback.md')).toBe(
      'fallback.md',
    );
  });
});

describe('sizeText', () => {
  it('says how much has arrived in round figures', () => {
    expect(sizeText(812)).toBe('812 bytes');
    expect(sizeText(340_400)).toBe('340 kB');
    expect(sizeText(1_234_567)).toBe('1.2 MB');
  });
});
