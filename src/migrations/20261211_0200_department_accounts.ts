import { type Kysely, sql } from 'kysely';

// 부서 담당자 accounts (issue 16: "departments see only requests routed to them if given
// accounts"): a user of role `department` is bound to one department of a city or district and
// sees and answers only the one-stop admin support requests routed to it. The database holds the
// binding: a department account has a department and no other account has one, and its centre is
// the department's own (a composite foreign key over departments (id, centre_id)), so an account
// can never read another district's requests through a mismatched centre.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE departments ADD CONSTRAINT departments_id_centre UNIQUE (id, centre_id);
    ALTER TABLE users DROP CONSTRAINT users_role_check;
    ALTER TABLE users ADD CONSTRAINT users_role_check CHECK (role IN
      ('admin', 'manager', 'counsellor', 'outreach', 'department', 'employer', 'seeker', 'partner'));
    ALTER TABLE users ADD COLUMN department_id uuid;
    ALTER TABLE users ADD CONSTRAINT users_department_fkey FOREIGN KEY (department_id, centre_id)
      REFERENCES departments (id, centre_id);
    ALTER TABLE users ADD CONSTRAINT users_department_role
      CHECK ((role = 'department') = (department_id IS NOT NULL));
    CREATE INDEX users_department ON users (department_id) WHERE department_id IS NOT NULL;
  `.execute(db);
}
