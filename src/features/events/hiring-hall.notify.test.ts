import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { expectStatus, testApp } from '../../../test/support/app.ts';
import { buildEmployer, buildPosting } from '../../../test/support/factories.ts';
import { seoulToday } from '../../platform/domain/dates.ts';
import { addDays, seoulInstant, weekday } from '../bookings/bookings.slots.ts';
import { closedDays } from '../calendar/calendar.service.ts';

// Scheduling a hiring-hall request tells the company (template hiring_hall_scheduled) in the
// scheduling's own transaction: one message when it commits, none when it is rolled back.
const t = await testApp();
const at = (date: string, hhmm: string) =>
  seoulInstant(date, Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3))).toISOString();

async function nextOpen(from = addDays(seoulToday(), 4)) {
  let d = from;
  for (;;) {
    if (weekday(d) <= 5 && (await closedDays({ db: t.db }, { from: d, to: d })).length === 0) return d;
    d = addDays(d, 1);
  }
}

describe('the company is told when its hiring-hall session is scheduled', async () => {
  const centre = await t.centre('인천서구일자리센터');
  const staff = await t.user('counsellor', centre.id);
  const employer = await buildEmployer(t.db, centre.id, { name: '청라식품' });
  const bystander = await buildEmployer(t.db, centre.id, { name: '옆회사' });
  const posting = await buildPosting(t.db, centre.id, employer.id, { title: '식품 포장원' });
  const room = expectStatus(
    await staff.post('/api/v1/resources', {
      name: '상설채용관 면접실 2',
      kind: 'meeting_room',
      slotMinutes: 60,
      openingHours: [1, 2, 3, 4, 5].map((wd) => ({ weekday: wd, from: '09:00', to: '18:00' })),
      bookableBy: ['staff', 'employer'],
    }),
    201,
  );
  const day = await nextOpen();
  const messages = (employerId: string) =>
    t.db
      .selectFrom('notifications')
      .select(['recipient_kind', 'recipient_id', 'template_key', 'variables', 'source', 'status'])
      .where('recipient_id', '=', employerId)
      .where('template_key', '=', 'hiring_hall_scheduled')
      .execute();
  const request = async () =>
    expectStatus(
      await staff.post('/api/v1/hiring-hall/requests', {
        employerId: employer.id,
        postingId: posting.id,
        preferredDates: [day],
      }),
      201,
    ) as { id: string };

  it('a scheduling that fails at commit leaves no message, and the request still open', async () => {
    const req = await request();
    // A deferred trigger fails the transaction at commit, after the message was written in it.
    await sql`CREATE FUNCTION test_fail_commit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'refused at commit'; END $$`.execute(t.db);
    await sql`CREATE CONSTRAINT TRIGGER test_fail_commit AFTER UPDATE ON hiring_hall_requests
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NEW.id = ${sql.lit(req.id)}::uuid)
      EXECUTE FUNCTION test_fail_commit()`.execute(t.db);
    try {
      const res = await staff.post(`/api/v1/hiring-hall/requests/${req.id}/schedule`, {
        startsAt: at(day, '10:00'),
        endsAt: at(day, '12:00'),
        resourceId: room.id,
      });
      expect(res.statusCode).toBe(500);
    } finally {
      await sql`DROP TRIGGER test_fail_commit ON hiring_hall_requests`.execute(t.db);
      await sql`DROP FUNCTION test_fail_commit()`.execute(t.db);
    }
    expect(await messages(employer.id)).toEqual([]);
    const open = expectStatus(await staff.get('/api/v1/hiring-hall/requests?status=requested'), 200);
    expect(open.items.map((r: { id: string }) => r.id)).toContain(req.id);
  });

  it('a scheduling that commits enqueues exactly one message, to the company only', async () => {
    const [req] = expectStatus(await staff.get('/api/v1/hiring-hall/requests?status=requested'), 200)
      .items as { id: string }[];
    expectStatus(
      await staff.post(`/api/v1/hiring-hall/requests/${req?.id}/schedule`, {
        startsAt: at(day, '10:00'),
        endsAt: at(day, '12:00'),
        resourceId: room.id,
      }),
      200,
    );
    const sent = await messages(employer.id);
    expect(sent).toEqual([
      {
        recipient_kind: 'employer',
        recipient_id: employer.id,
        template_key: 'hiring_hall_scheduled',
        variables: {
          posting: '식품 포장원',
          when: `${day} 10:00~12:00`,
          place: '상설채용관 면접실 2',
          centre: '인천서구일자리센터',
        },
        source: 'events.hall_scheduled',
        status: expect.stringMatching(/^(queued|deferred)$/),
      },
    ]);
    expect(await messages(bystander.id)).toEqual([]);
    // A second request of the same company scheduled later is its own message.
    const next = await request();
    expectStatus(
      await staff.post(`/api/v1/hiring-hall/requests/${next.id}/schedule`, {
        startsAt: at(day, '14:00'),
        endsAt: at(day, '15:00'),
        resourceId: room.id,
      }),
      200,
    );
    expect(await messages(employer.id)).toHaveLength(2);
  });
});
