import { type Kysely, sql } from 'kysely';

// Notifications (features/notifications, issue 22): templates in Korean with #{variable} fields
// (정보성 or 광고성), one row per message with its status, and each recipient's channel
// preferences with a log of every change (time and source). A message is written with the
// change that causes it and sent through the outbox (kind 'notification'). The recipient's
// name and contact are read when it is sent; the text as sent is stored encrypted.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE notification_templates (
      key text PRIMARY KEY CHECK (key ~ '^[a-z][a-z0-9_]{0,63}$'),
      name text NOT NULL CHECK (btrim(name) <> '' AND length(name) <= 100),
      recipient_kind text NOT NULL CHECK (recipient_kind IN ('seeker', 'employer', 'user')),
      category text NOT NULL CHECK (category IN ('info', 'ad')),
      urgent boolean NOT NULL DEFAULT false,
      subject text NOT NULL CHECK (btrim(subject) <> '' AND length(subject) <= 100),
      body text NOT NULL CHECK (btrim(body) <> '' AND length(body) <= 1000),
      variables text[] NOT NULL,
      alimtalk_template_id text CHECK (length(alimtalk_template_id) <= 100),
      alimtalk_approved_body text,
      version integer NOT NULL DEFAULT 1,
      updated_by uuid REFERENCES users (id),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (category = 'info' OR alimtalk_template_id IS NULL)
    )`.execute(db);
  await sql`
    CREATE TABLE notifications (
      id uuid PRIMARY KEY,
      centre_id uuid NOT NULL REFERENCES centres (id),
      recipient_kind text NOT NULL CHECK (recipient_kind IN ('seeker', 'employer', 'user')),
      recipient_id uuid NOT NULL,
      template_key text NOT NULL REFERENCES notification_templates (key),
      category text NOT NULL CHECK (category IN ('info', 'ad')),
      urgent boolean NOT NULL DEFAULT false,
      channel text CHECK (channel IN ('sms', 'lms', 'alimtalk', 'email')),
      fallback_from text CHECK (fallback_from IN ('alimtalk')),
      status text NOT NULL CHECK (status IN ('queued', 'deferred', 'sent', 'failed', 'suppressed')),
      not_before timestamptz NOT NULL,
      sent_at timestamptz,
      error text CHECK (length(error) <= 2000),
      provider text,
      provider_message_id text,
      attempts integer NOT NULL DEFAULT 0,
      variables jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (pg_column_size(variables) <= 8000),
      subject_enc text,
      body_enc text,
      source text NOT NULL CHECK (length(source) <= 100),
      dedupe_key text UNIQUE CHECK (length(dedupe_key) <= 200),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((status = 'sent') = (sent_at IS NOT NULL))
    )`.execute(db);
  await sql`CREATE INDEX notifications_recipient ON notifications (recipient_id, created_at DESC)`.execute(
    db,
  );
  await sql`CREATE INDEX notifications_centre ON notifications (centre_id, created_at DESC)`.execute(db);
  await sql`CREATE INDEX notifications_status ON notifications (status, created_at DESC)`.execute(db);
  await sql`
    CREATE TABLE notification_preferences (
      recipient_kind text NOT NULL CHECK (recipient_kind IN ('seeker', 'employer', 'user')),
      recipient_id uuid NOT NULL,
      centre_id uuid NOT NULL REFERENCES centres (id),
      sms boolean NOT NULL DEFAULT true,
      alimtalk boolean NOT NULL DEFAULT true,
      email boolean NOT NULL DEFAULT true,
      ad_opt_in boolean NOT NULL DEFAULT false,
      ad_night_opt_in boolean NOT NULL DEFAULT false,
      ad_opt_in_at timestamptz,
      source text NOT NULL CHECK (source IN ('self', 'staff', 'reply', 'link')),
      updated_by uuid REFERENCES users (id),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (recipient_kind, recipient_id),
      CHECK (ad_opt_in OR NOT ad_night_opt_in),
      CHECK (NOT ad_opt_in OR ad_opt_in_at IS NOT NULL)
    )`.execute(db);
  await sql`
    CREATE TABLE notification_preference_log (
      id uuid PRIMARY KEY,
      recipient_kind text NOT NULL,
      recipient_id uuid NOT NULL,
      centre_id uuid NOT NULL REFERENCES centres (id),
      preferences jsonb NOT NULL,
      source text NOT NULL CHECK (source IN ('self', 'staff', 'reply', 'link')),
      actor_id uuid REFERENCES users (id),
      at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX notification_preference_log_recipient ON notification_preference_log (recipient_id, at DESC)`.execute(
    db,
  );
  const templates: [string, string, string, string, boolean, string, string, string[]][] = [
    [
      'referral_created',
      '알선 안내',
      'seeker',
      'info',
      false,
      '[일터] 알선 안내',
      '[일터] #{name}님, #{company} "#{posting}" 채용에 알선되었습니다. 결과가 나오면 다시 알려 드립니다. 문의: #{centre}',
      ['name', 'company', 'posting', 'centre'],
    ],
    [
      'referral_result',
      '알선 결과 안내',
      'seeker',
      'info',
      false,
      '[일터] 알선 결과',
      '[일터] #{name}님, #{company} "#{posting}" 알선 결과: #{result}. 문의: #{centre}',
      ['name', 'company', 'posting', 'result', 'centre'],
    ],
    [
      'referral_interview',
      '면접 일정 안내',
      'seeker',
      'info',
      false,
      '[일터] 면접 일정',
      '[일터] #{name}님, #{company} "#{posting}" 면접이 #{interviewAt}에 있습니다. 장소: #{place}. 문의: #{centre}',
      ['name', 'company', 'posting', 'interviewAt', 'place', 'centre'],
    ],
    [
      'posting_approved',
      '구인공고 승인 안내',
      'employer',
      'info',
      false,
      '[일터] 구인공고 승인',
      '[일터] #{company}의 구인공고 "#{posting}"이(가) 승인되어 게시되었습니다. 문의: #{centre}',
      ['company', 'posting', 'centre'],
    ],
    [
      'posting_rejected',
      '구인공고 반려 안내',
      'employer',
      'info',
      false,
      '[일터] 구인공고 반려',
      '[일터] #{company}의 구인공고 "#{posting}"이(가) 반려되었습니다. 사유: #{reason}. 문의: #{centre}',
      ['company', 'posting', 'reason', 'centre'],
    ],
    [
      'followup_due',
      '사후관리 예정 안내',
      'user',
      'info',
      false,
      '[일터] 사후관리 예정',
      '[일터] #{name}님, 오늘 예정된 취업자 사후관리가 #{count}건 있습니다. 일터의 사후관리 화면에서 확인하세요.',
      ['name', 'count'],
    ],
    [
      'event_invitation',
      '채용행사 초대',
      'seeker',
      'ad',
      false,
      '채용행사 초대',
      '#{name}님, #{event}에 초대합니다. 일시: #{at}, 장소: #{place}',
      ['name', 'event', 'at', 'place'],
    ],
  ];
  for (const [key, name, kind, category, urgent, subject, body, variables] of templates) {
    await sql`
      INSERT INTO notification_templates (key, name, recipient_kind, category, urgent, subject, body, variables)
      VALUES (${key}, ${name}, ${kind}, ${category}, ${urgent}, ${subject}, ${body}, ${variables}::text[])`.execute(
      db,
    );
  }
}
