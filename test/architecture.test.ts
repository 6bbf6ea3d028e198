import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { KNOWN_CROSSINGS } from './architecture.known.ts';

// House rule (ENGINEERING.md "Layout"): a feature owns its tables — the `interface Tables` entries
// of its *.tables.ts — and is the only place their SQL lives; another feature imports only its
// *.service.ts. platform/, codes/ and web/ are shared and may be imported by anyone.

const root = path.resolve('src/features');
const features = fs.readdirSync(root).filter((f) => fs.statSync(path.join(root, f)).isDirectory());

/** The feature's source files, its subfolders included (reports/kpis, …), tests left out. */
function sourceFiles(feature: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const e of fs.readdirSync(path.join(root, rel), { withFileTypes: true })) {
      const child = path.join(rel, e.name);
      if (e.isDirectory()) walk(child);
      else if (/\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name)) out.push(child);
    }
  };
  walk(feature);
  return out;
}

/** table name → owning feature, from each feature's module augmentation of `Tables`. */
function tableOwners(): Map<string, string> {
  const owners = new Map<string, string>();
  for (const feature of features) {
    for (const file of sourceFiles(feature).filter((f) => f.endsWith('.tables.ts'))) {
      const text = fs.readFileSync(path.join(root, file), 'utf8');
      const block = /interface Tables\s*\{([^}]*)\}/.exec(text)?.[1] ?? '';
      for (const m of block.matchAll(/^\s*([a-z_][a-z0-9_]*)\s*:/gm)) {
        const previous = owners.get(m[1]);
        if (previous && previous !== feature)
          throw new Error(`${m[1]} is declared by ${previous} and ${feature}`);
        owners.set(m[1], feature);
      }
    }
  }
  return owners;
}

/** Places where a file names a table in SQL: Kysely builders or FROM/JOIN/INTO/UPDATE in raw SQL. */
function tablesNamed(text: string, tables: string[]): Set<string> {
  const found = new Set<string>();
  for (const t of tables) {
    const builder = new RegExp(
      `(?:selectFrom|insertInto|updateTable|deleteFrom|innerJoin|leftJoin|rightJoin|fullJoin|mergeInto)\\(\\s*'${t}(?:\\s+as\\s+\\w+)?'`,
    );
    const raw = new RegExp(`\\b(?:FROM|JOIN|INTO|UPDATE|TABLE)\\s+${t}\\b`, 'i');
    if (builder.test(text) || raw.test(text)) found.add(t);
  }
  return found;
}

function crossings(): string[] {
  const owners = tableOwners();
  const tables = [...owners.keys()];
  const out: string[] = [];
  for (const feature of features) {
    for (const file of sourceFiles(feature)) {
      const text = fs.readFileSync(path.join(root, file), 'utf8');
      for (const t of tablesNamed(text, tables)) {
        if (owners.get(t) !== feature) out.push(`${file} names ${owners.get(t)}'s table ${t}`);
      }
      // Relative imports resolved from the file's folder: another feature's file other than a service.
      for (const m of text.matchAll(/from\s+'(\.{1,2}\/[^']+)'/g)) {
        const target = path.relative(root, path.resolve(root, path.dirname(file), m[1]));
        const [other, ...rest] = target.split(path.sep);
        if (!other || other.startsWith('..') || other === feature || rest.length === 0) continue;
        if (!target.endsWith('.service.ts')) out.push(`${file} imports ${other}/${rest.join('/')}`);
      }
    }
  }
  return out.sort();
}

describe('feature boundaries', () => {
  it('every table is declared by exactly one feature', () => {
    const owners = tableOwners();
    expect(owners.get('seekers')).toBe('seekers');
    expect(owners.get('referrals')).toBe('referrals');
    expect(owners.get('employments')).toBe('employments');
    expect(owners.get('counselling')).toBe('counselling');
    expect(owners.get('employers')).toBe('employers');
  });

  it('no feature names another feature’s table or imports a non-service file of another feature', () => {
    const found = crossings();
    const known = new Set(KNOWN_CROSSINGS);
    const added = found.filter((c) => !known.has(c));
    expect(added, 'call the owning feature’s service instead').toEqual([]);
  });

  it('the list of crossings still to be removed only shrinks (remove entries that are gone)', () => {
    const found = new Set(crossings());
    expect(KNOWN_CROSSINGS.filter((c) => !found.has(c))).toEqual([]);
  });

  it('the checker sees a crossing when one is written', () => {
    const owners = tableOwners();
    expect([...tablesNamed("db.selectFrom('seekers as s')", [...owners.keys()])]).toEqual(['seekers']);
    expect([...tablesNamed('sql`UPDATE referrals SET x = 1`', ['referrals'])]).toEqual(['referrals']);
    expect([...tablesNamed("db.selectFrom('seeker_recommendations')", ['seekers'])]).toEqual([]);
  });
});
