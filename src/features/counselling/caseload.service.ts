import { sql } from 'kysely';
import { recordSeekerViews } from '../../platform/audit/access-log.ts';
import type { Db } from '../../platform/db/pool.ts';
import { DomainError } from '../../platform/errors.ts';
import type { Actor } from '../../platform/http/actor.ts';
import { userRoleAndCentre } from '../accounts/user-lookups.service.ts';
import { caseloadSeekers } from '../seekers/seekers.relations.service.ts';
import { scopeIds } from './counselling.repository.ts';
import { seoulDayBounds } from './counselling.service.ts';

interface CaseRow {
  id: string;
  name: string;
  registration_no: string;
  status: string;
  care: string;
  centre_id: string;
  last_at: Date | null;
  next_at: Date | null;
  total: number;
  overdue_count: number;
  today_count: number;
}

/**
 * A counsellor's caseload: seekers assigned to them (seekers.counsellor_id), or registered by
 * them while unassigned, that are not closed, with the last contact and the next contact (the
 * nextContactAt of the latest counselling record). Overdue next contacts come first (oldest
 * first), then the rest by next contact; `overdue` and `today` (Korean day) count the whole list.
 * Each seeker shown is logged as viewed.
 */
export async function getCaseload(
  db: Db,
  actor: Actor,
  q: { counsellorId?: string; offset: number; limit: number; ip: string | null },
) {
  const counsellorId = q.counsellorId ?? actor.userId;
  const scope = scopeIds(actor);
  if (counsellorId !== actor.userId) {
    const u = await userRoleAndCentre(db, counsellorId);
    if (!u || (scope && (!u.centreId || !scope.includes(u.centreId)))) {
      throw new DomainError('not_found', 'caseload.counsellorNotFound');
    }
  }
  const { start, end } = seoulDayBounds();
  const scopeSql = scope ? sql`AND s.centre_id = ANY(${scope}::uuid[])` : sql``;
  return db.transaction().execute(async (tx) => {
    const r = await sql<CaseRow>`
      WITH cases AS (
        SELECT s.id, s.name, s.registration_no, s.status, s.care, s.centre_id, lc.at AS last_at,
               lc.next_contact_at AS next_at
        FROM ${caseloadSeekers(counsellorId)} s
        LEFT JOIN LATERAL (
          SELECT c.at, c.next_contact_at FROM counselling c
          WHERE c.seeker_id = s.id ORDER BY c.at DESC, c.id DESC LIMIT 1
        ) lc ON true
        WHERE TRUE ${scopeSql}
      )
      SELECT cases.*, count(*) OVER () AS total,
             count(*) FILTER (WHERE next_at < now()) OVER () AS overdue_count,
             count(*) FILTER (WHERE next_at >= ${start} AND next_at < ${end}) OVER () AS today_count
      FROM cases
      ORDER BY (next_at < now()) DESC NULLS LAST, next_at ASC NULLS LAST, name, id
      OFFSET ${q.offset} LIMIT ${q.limit}`.execute(tx);
    const rows = r.rows;
    await recordSeekerViews(
      tx,
      { actor, ip: q.ip },
      rows.map((s) => ({ id: s.id, centreId: s.centre_id })),
    );
    const now = Date.now();
    const first = rows[0];
    return {
      counsellorId,
      items: rows.map((s) => {
        const next = s.next_at ? new Date(s.next_at) : null;
        return {
          seekerId: s.id,
          name: s.name,
          registrationNo: s.registration_no,
          status: s.status,
          care: s.care,
          lastContactAt: s.last_at ? new Date(s.last_at).toISOString() : null,
          nextContactAt: next ? next.toISOString() : null,
          overdue: next !== null && next.getTime() < now,
          today: next !== null && next >= start && next < end,
        };
      }),
      total: first ? Number(first.total) : await countCases(tx, counsellorId, scope),
      overdue: first ? Number(first.overdue_count) : 0,
      today: first ? Number(first.today_count) : 0,
    };
  });
}

// A page past the end has no rows to carry the window counts.
async function countCases(db: Db, counsellorId: string, scope: string[] | null) {
  const r = await sql<{ n: number }>`SELECT count(*) AS n FROM ${caseloadSeekers(counsellorId)} s
    ${scope ? sql`WHERE s.centre_id = ANY(${scope}::uuid[])` : sql``}`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}
