import { type Kysely, sql } from 'kysely';

// Programmes (issue 18, FIELD.md §d.2 and §d.4): the hold window of a place offered from the
// waiting list. A programme with `hold_hours` > 0 offers a freed place to the first person
// waiting (status `offered`, `hold_until`): the place is theirs (it counts in `taken`) until
// they confirm or the hold runs out, and then it goes to the next person. `hold_hours` = 0
// keeps the earlier behaviour: the place is confirmed at once.
// Every enrolment that ends says why (`cancel_reason`): cancelled by the person or staff,
// the hold ran out, or the offer was turned down.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE programmes
    ADD COLUMN hold_hours smallint NOT NULL DEFAULT 0 CHECK (hold_hours BETWEEN 0 AND 168)`.execute(db);
  await sql`ALTER TABLE programme_enrolments
    DROP CONSTRAINT programme_enrolments_status_check,
    ADD CONSTRAINT programme_enrolments_status_check
      CHECK (status IN ('registered', 'offered', 'waitlisted', 'cancelled')),
    ADD COLUMN hold_until timestamptz,
    ADD COLUMN cancel_reason text,
    ADD CONSTRAINT programme_enrolments_hold CHECK ((status = 'offered') = (hold_until IS NOT NULL)),
    ADD CONSTRAINT programme_enrolments_cancel_reason
      CHECK (cancel_reason IN ('cancelled', 'hold_expired', 'offer_declined')
        AND status = 'cancelled' OR cancel_reason IS NULL)`.execute(db);
  await sql`CREATE INDEX programme_enrolments_hold_until ON programme_enrolments (hold_until)
    WHERE status = 'offered'`.execute(db);
  await sql`
    INSERT INTO notification_templates (key, name, recipient_kind, category, urgent, subject, body, variables)
    VALUES ('programme_offered', '프로그램 대기 → 자리 제안 안내', 'seeker', 'info', false,
      '[일터] 프로그램 자리가 났습니다',
      '[일터] #{name}님, #{programme}에 자리가 났습니다. #{until}까지 일터 내 프로그램에서 참가를 확정해 주세요. 그때까지 확정하지 않으면 다음 대기자에게 넘어갑니다.',
      ARRAY['name', 'programme', 'until']::text[])
    ON CONFLICT (key) DO NOTHING`.execute(db);
}
