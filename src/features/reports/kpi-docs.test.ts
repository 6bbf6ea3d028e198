import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderKpiMarkdown } from './kpis/index.ts';

const file = new URL('../../../docs/KPI.md', import.meta.url);

describe('docs/KPI.md', () => {
  it('is generated from the KPI definitions in code', () => {
    const expected = renderKpiMarkdown();
    // ILTEO_WRITE_KPI_DOCS=1 rewrites the file after a definition changed.
    if (process.env.ILTEO_WRITE_KPI_DOCS === '1') fs.writeFileSync(file, expected);
    expect(fs.readFileSync(file, 'utf8')).toBe(expected);
  });
});
