import type { Selectable } from 'kysely';
import type { Db } from '../../platform/db/pool.ts';
import { DomainError } from '../../platform/errors.ts';
import type { Actor } from '../../platform/http/actor.ts';
import type { ImportTable } from './imports.tables.ts';

/** Imports the actor may see: those of its centres, and its own. */
function visible(db: Db, actor: Actor) {
  let base = db.selectFrom('imports');
  if (actor.centreScope !== null) {
    const scope = [...actor.centreScope];
    base = base.where((eb) =>
      eb.or([
        eb('centre_id', 'in', scope.length ? scope : ['00000000-0000-0000-0000-000000000000']),
        eb('actor_id', '=', actor.userId),
      ]),
    );
  }
  return base;
}

function present(r: Selectable<ImportTable>) {
  return {
    id: r.id,
    kind: r.kind,
    fileName: r.file_name,
    partial: r.partial,
    status: r.status,
    rows: r.rows,
    imported: r.imported,
    rejected: r.rejected,
    centreId: r.centre_id,
    actorId: r.actor_id,
    startedAt: r.started_at.toISOString(),
    finishedAt: r.finished_at ? r.finished_at.toISOString() : null,
  };
}

/**
 * One import with its progress (a page polls it while the file is read): rows and bytes read
 * so far, written every half second on a connection of its own while the import runs.
 */
export async function getImport(db: Db, actor: Actor, id: string) {
  const r = await visible(db, actor).selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) throw new DomainError('not_found', 'import.notFound');
  const total = r.bytes_total === null ? null : Number(r.bytes_total);
  const read = Number(r.bytes_read);
  const percent = r.status === 'done' ? 100 : total ? Math.min(99, Math.floor((read / total) * 100)) : null;
  return { ...present(r), bytesRead: read, bytesTotal: total, percent };
}

/** Import history of the actor's centres, newest first. */
export async function listImports(db: Db, actor: Actor, q: { offset: number; limit: number }) {
  const base = visible(db, actor);
  const [rows, count] = await Promise.all([
    base.selectAll().orderBy('started_at', 'desc').offset(q.offset).limit(q.limit).execute(),
    base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    items: rows.map(present),
    total: Number(count.n),
  };
}
