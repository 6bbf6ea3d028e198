import { type RawBuilder, sql } from 'kysely';
import type { Actor } from '../../platform/http/actor.ts';

/** `column` lies in the actor's centres (TRUE for national admins): outreach records by centre. */
export function inCentres(actor: Actor, column: string): RawBuilder<boolean> {
  if (actor.centreScope === null) return sql<boolean>`TRUE`;
  return sql<boolean>`${sql.ref(column)} = ANY(${[...actor.centreScope]}::uuid[])`;
}
