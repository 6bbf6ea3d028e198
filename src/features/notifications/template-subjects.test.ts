import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { testDb } from '../../../test/support/db.ts';
import { migrateToLatest } from '../../platform/db/migrate.ts';
import { createDb, withDatabase } from '../../platform/db/pool.ts';
import { eucKrBytes, LMS_SUBJECT_MAX_BYTES, lmsSubject, toSmsText } from './sms-text.ts';
import { renderTemplate, sentSubject } from './templates.ts';

describe('notification template subjects', () => {
  it('every subject the migrations seed reaches an LMS whole: at most 40 EUC-KR bytes as sent', async () => {
    const { db } = await testDb();
    const rows = await db
      .selectFrom('notification_templates')
      .select(['key', 'subject', 'category'])
      .orderBy('key')
      .execute();
    expect(rows.length).toBeGreaterThan(20);
    const over: string[] = [];
    for (const r of rows) {
      // fields filled with the shortest thing they can become ('-'); "(광고) " first for an ad
      const subject = sentSubject(renderTemplate(r.subject, {}), r.category);
      const sms = toSmsText(subject, null);
      expect(sms.refused, `${r.key}: ${sms.replaced.join('')} is not sendable`).toBe(false);
      if (eucKrBytes(subject) > LMS_SUBJECT_MAX_BYTES || lmsSubject(subject) !== subject)
        over.push(`${r.key} (${eucKrBytes(subject)} bytes): ${subject}`);
    }
    expect(over).toEqual([]);
  });

  it('an ad subject is measured with its "(광고) " prefix', () => {
    expect(sentSubject('채용행사 초대', 'ad')).toBe('(광고) 채용행사 초대');
    expect(eucKrBytes(sentSubject('가'.repeat(17), 'ad'))).toBe(41);
  });
});

const server = inject('pgServerUrl');
const created: string[] = [];
afterAll(async () => {
  const c = new pg.Client({ connectionString: server });
  await c.connect();
  for (const name of created) await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await c.end();
});

describe('migration 20261212_0101 (shorter subjects)', () => {
  it('shortens a seeded subject and keeps one an admin has edited', async () => {
    const name = `ilteo_subj_${process.pid}_${Date.now().toString(36)}`;
    const c = new pg.Client({ connectionString: server });
    await c.connect();
    await c.query(`CREATE DATABASE ${name}`);
    await c.end();
    created.push(name);
    const { db } = createDb(withDatabase(server, name), { max: 2 });
    try {
      await migrateToLatest(db, (m) => m < '20261212_0101');
      await sql`UPDATE notification_templates SET subject = '[일터] 프로그램 확정 기한 만료', version = 2
                WHERE key = 'programme_hold_expired'`.execute(db);
      const applied = await migrateToLatest(db);
      expect(applied).toContain('20261212_0101_template_subjects_within_lms_limit');
      const rows = await db
        .selectFrom('notification_templates')
        .select(['key', 'subject', 'version', 'updated_by'])
        .where('key', 'in', ['hiring_hall_scheduled', 'programme_hold_expired'])
        .orderBy('key')
        .execute();
      expect(rows).toEqual([
        {
          key: 'hiring_hall_scheduled',
          subject: '[일터] 상설채용관 채용 일정 확정',
          version: 2,
          updated_by: null,
        },
        {
          key: 'programme_hold_expired',
          subject: '[일터] 프로그램 확정 기한 만료',
          version: 2,
          updated_by: null,
        },
      ]);
    } finally {
      await db.destroy();
    }
  });
});
