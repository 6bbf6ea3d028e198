import { type Kysely, sql } from 'kysely';

// Pre-event matching (features/events, issue 17): staff invite the seekers the matching engine
// found for a participating posting. One invitation per seeker and event (unique → 409
// invitation.duplicate), naming the posting it was matched for and the message sent through
// features/notifications (its id; null when the notification was deduplicated away). The
// invitation message is informational (정보성): a centre's answer to the seeker's own job-seeking
// registration about a matched posting, like a referral notice — unlike the general
// `event_invitation` (광고성) announcement of an event.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE event_invitations (
      id uuid PRIMARY KEY,
      event_id uuid NOT NULL REFERENCES hiring_events (id),
      centre_id uuid NOT NULL REFERENCES centres (id),
      seeker_id uuid NOT NULL REFERENCES seekers (id),
      posting_id uuid REFERENCES postings (id),
      employer_id uuid REFERENCES employers (id),
      score integer,
      notification_id uuid,
      invited_by uuid REFERENCES users (id),
      created_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT event_invitations_once UNIQUE (event_id, seeker_id)
    )`.execute(db);
  await sql`CREATE INDEX event_invitations_seeker ON event_invitations (seeker_id)`.execute(db);
  await sql`
    INSERT INTO notification_templates (key, name, recipient_kind, category, urgent, subject, body, variables)
    VALUES (
      'event_match_invitation', '채용행사 추천 초대', 'seeker', 'info', false,
      '[일터] 채용행사 면접 추천',
      '[일터] #{name}님, #{event}(#{at}, #{place})에 참가하는 #{company}의 「#{posting}」 채용에 추천되어 초대합니다. 참가 신청과 면접 예약: #{link}',
      ARRAY['name', 'event', 'at', 'place', 'company', 'posting', 'link']::text[]
    )
    ON CONFLICT (key) DO NOTHING`.execute(db);
}
