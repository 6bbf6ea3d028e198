import { sql } from 'kysely';
import type { Db } from '../../platform/db/pool.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { IMPORT_CHANGES } from './posting-status.service.ts';
import type { PostingStatus } from './postings.tables.ts';
import type { PostingColumns, postingTokens } from './postings.validate.ts';

// The 고용24 import's statements on postings (worknet.import.ts decides what to write): the
// statuses the file's wantedAuthNos already have here, and the upsert by wantedAuthNo.

/** Our status of each wantedAuthNo of the file that we hold already (statements of 5,000). */
export async function statusesByAuthNo(tx: Db, authNos: string[]) {
  const out = new Map<string, PostingStatus>();
  const wanted = [...new Set(authNos.filter(Boolean))];
  for (let i = 0; i < wanted.length; i += 5000) {
    const rows = await tx
      .selectFrom('postings')
      .select(['worknet_auth_no', 'status'])
      .where('worknet_auth_no', 'in', wanted.slice(i, i + 5000))
      .execute();
    for (const r of rows) out.set(r.worknet_auth_no!, r.status);
  }
  return out;
}

/**
 * Inserts a posting or updates ours with the same wantedAuthNo, only when its status lets an
 * import change it and something differs (content, or an expired posting the portal reopened);
 * null when nothing was written.
 */
export async function upsertWorknetPosting(
  tx: Db,
  cols: PostingColumns,
  o: {
    authNo: string;
    owner: string;
    actorId: string | null;
    tokens: ReturnType<typeof postingTokens>;
    /** The row is open-ended (채용시까지): its closing day is today + OPEN_ENDED_DAYS. */
    openEndedOn: string | null;
  },
) {
  // An open-ended row's closing day moves with the day of the import; while ours is still ahead
  // it is kept and not compared, so a daily pull does not change (and announce) every such
  // posting every day. Once ours has passed, the new day is taken.
  const keepClose = o.openEndedOn
    ? sql<boolean>`postings.closes_at >= ${o.openEndedOn}::date`
    : sql<boolean>`false`;
  const closePassed = o.openEndedOn
    ? sql<boolean>`postings.closes_at < ${o.openEndedOn}::date`
    : sql<boolean>`false`;
  const compared = (Object.keys(cols) as (keyof PostingColumns)[]).filter(
    (k) => !(o.openEndedOn && k === 'closes_at'),
  );
  const ours = sql.join(compared.map((k) => sql.ref(`postings.${k}`)));
  const theirs = sql.join(compared.map((k) => sql.ref(`excluded.${k}`)));
  const r = await tx
    .insertInto('postings')
    .values({
      id: uuidv7(),
      ...cols,
      centre_id: o.owner,
      status: 'open',
      source: 'worknet',
      worknet_auth_no: o.authNo,
      created_by: o.actorId,
      approved_at: new Date(),
      search_tokens: o.tokens,
    })
    .onConflict((oc) =>
      oc
        .column('worknet_auth_no')
        .doUpdateSet((eb) => ({
          ...cols,
          closes_at: sql`CASE WHEN ${keepClose} THEN ${eb.ref('postings.closes_at')} ELSE ${eb.ref('excluded.closes_at')} END`,
          search_tokens: o.tokens,
          // A posting someone closed or marked filled here stays so; the feed reopens the rest.
          status: sql`CASE WHEN ${eb.ref('postings.status')} IN ('closed', 'filled') THEN ${eb.ref('postings.status')} ELSE 'open' END`,
          updated_at: new Date(),
        }))
        .where('postings.status', 'in', IMPORT_CHANGES)
        .where(
          sql<boolean>`(postings.status = 'expired' OR ${closePassed} OR (${ours}) IS DISTINCT FROM (${theirs}))`,
        ),
    )
    .returning(['id', 'centre_id', 'closes_at', sql<boolean>`(xmax = 0)`.as('inserted')])
    .executeTakeFirst();
  return r ?? null;
}
