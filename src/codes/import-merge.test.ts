import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type CodeItem, listCodes } from './codes.ts';
import { mergeOfficialCodes } from './import-merge.ts';
import {
  importOfficialCodes,
  parseOfficialCodes,
  parseOfficialFile,
  saveOverride,
} from './import-official.ts';

const file = new URL('./fixtures/legal-dong-incheon-2026.tsv', import.meta.url);
const parsed = () => parseOfficialCodes('regions', fs.readFileSync(file), file.pathname).items;

/** The table as it stood before 2026-07-01: no new 인천 codes, the old ones in force. */
function before2026(): CodeItem[] {
  return listCodes('regions')
    .filter((r) => r.validFrom !== '2026-07-01')
    .map((r) => (r.validTo === '2026-06-30' ? { ...r, validTo: null, successors: [] } : r));
}

describe('import-codes with dated columns (issue 14)', () => {
  it('reads 생성일자, 말소일자 (the day a code stopped) and 후속코드 of a 법정동코드 file', () => {
    const items = parsed();
    const byCode = new Map(items.map((i) => [i.code, i]));
    expect(byCode.get('28260')).toMatchObject({
      name: '서구',
      validTo: '2026-06-30',
      successors: ['28275', '28290'],
    });
    expect(byCode.get('28290')).toMatchObject({ name: '검단구', validFrom: '2026-07-01', validTo: null });
    expect(byCode.get('28110')?.successors).toEqual(['28125', '28155']);
  });

  it('reads the same file published as XLSX: text code cells, dates as date cells, a title row', async () => {
    const { default: ExcelJS } = await import('exceljs');
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('법정동코드');
    for (const line of fs.readFileSync(file, 'utf8').split(/\r?\n/).filter(Boolean)) {
      // 생성일자/말소일자 as Excel dates, as the official workbook keeps them; codes stay text.
      const cells = line.split('\t').map((c) => {
        const d = /^(\d{4})(\d{2})(\d{2})$/.exec(c);
        return d ? new Date(Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3]))) : c;
      });
      sheet.addRow(cells);
    }
    const bytes = new Uint8Array(await book.xlsx.writeBuffer());
    const fromXlsx = await parseOfficialFile('regions', bytes, 'legal-dong.xlsx');
    expect(fromXlsx.encoding).toBe('xlsx');
    expect(fromXlsx.items).toEqual(parsed());
    // The command's reader takes the workbook from a file too; a broken one names the problem.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ilteo-xlsx-'));
    fs.writeFileSync(path.join(dir, 'a.xlsx'), bytes);
    expect(await importOfficialCodes('regions', path.join(dir, 'a.xlsx'))).toEqual(parsed());
    fs.writeFileSync(path.join(dir, 'b.xlsx'), bytes.slice(0, 200));
    await expect(importOfficialCodes('regions', path.join(dir, 'b.xlsx'))).rejects.toThrow(/XLSX/);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reports what changed and keeps every code', () => {
    const old = before2026();
    const { items, report } = mergeOfficialCodes(old, parsed());
    expect(report.added.map((a) => a.code).sort()).toEqual(['28125', '28155', '28275', '28290']);
    expect(report.abolished.map((a) => [a.code, a.validTo, a.successors])).toEqual([
      ['28110', '2026-06-30', ['28125', '28155']],
      ['28140', '2026-06-30', ['28125']],
      ['28260', '2026-06-30', ['28275', '28290']],
    ]);
    expect(report.renamed).toEqual([]);
    // Codes the file does not list (every other 시도) stay: records hold them.
    expect(report.keptAbsent).toContain('11140');
    expect(items.length).toBe(old.length + 4);
    // The merged table answers as the shipped one does for 인천.
    const incheon = (xs: readonly CodeItem[]) =>
      xs
        .filter((x) => x.code.startsWith('28'))
        .map((x) => [x.code, x.name, x.validFrom ?? null, x.validTo ?? null, x.successors ?? []])
        .sort();
    expect(incheon(items)).toEqual(incheon(listCodes('regions')));
  });

  it('never rewrites history: an abolished code keeps its dates and successors whatever a file says', () => {
    const wrong = parsed().map((i) =>
      i.code === '28260' ? { ...i, name: '서구(옛)', validTo: '2026-12-31', successors: ['28275'] } : i,
    );
    const { items, report } = mergeOfficialCodes(listCodes('regions'), wrong);
    const seogu = items.find((i) => i.code === '28260');
    expect(seogu).toMatchObject({ name: '서구', validTo: '2026-06-30', successors: ['28275', '28290'] });
    expect(report.historyKept.map((h) => h.code)).toEqual(['28260']);
    expect(report.added).toEqual([]);
    expect(report.abolished).toEqual([]);
  });

  it('writes the dates into the override, so the loaded table keeps its history', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ilteo-codes-'));
    try {
      const { items } = mergeOfficialCodes(before2026(), parsed());
      const target = await saveOverride('regions', items, dir);
      const saved = JSON.parse(fs.readFileSync(target, 'utf8')).items as CodeItem[];
      expect(saved.find((i) => i.code === '28260')).toMatchObject({
        validTo: '2026-06-30',
        successors: ['28275', '28290'],
      });
      expect(saved.find((i) => i.code === '28275')).toMatchObject({ validFrom: '2026-07-01', validTo: null });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
