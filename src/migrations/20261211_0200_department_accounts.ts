import { type Kysely, sql } from 'kysely';

// 부서 담당자 accounts (issue 16: "departments see only requests routed to them if given
// accounts"): a user of role `department` is bound to one department of a city or district and
// sees and answers only the one-stop admin support requests routed to it. The database holds the
// binding: a department account has a department and no other account has one (CHECK), and the
// department exists in the account's own centre (trigger), so an account can never sit in one
// district and answer for another's department. A trigger rather than a foreign key: users carry
// no foreign key to a table the demo reset or a restore TRUNCATEs with CASCADE (as employer_id
// and seeker_id carry none), which would otherwise empty users with it.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE users DROP CONSTRAINT users_role_check;
    ALTER TABLE users ADD CONSTRAINT users_role_check CHECK (role IN
      ('admin', 'manager', 'counsellor', 'outreach', 'department', 'employer', 'seeker', 'partner'));
    ALTER TABLE users ADD COLUMN department_id uuid;
    ALTER TABLE users ADD CONSTRAINT users_department_role
      CHECK ((role = 'department') = (department_id IS NOT NULL));
    CREATE INDEX users_department ON users (department_id) WHERE department_id IS NOT NULL;

    CREATE FUNCTION users_department_centre() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.department_id IS NOT NULL AND NOT EXISTS (
        SELECT 1 FROM departments d WHERE d.id = NEW.department_id AND d.centre_id = NEW.centre_id
      ) THEN
        RAISE EXCEPTION 'users_department_centre: department % is not a department of centre %',
          NEW.department_id, coalesce(NEW.centre_id::text, 'null')
          USING ERRCODE = 'foreign_key_violation';
      END IF;
      RETURN NEW;
    END $$;
    CREATE TRIGGER users_department_centre BEFORE INSERT OR UPDATE OF department_id, centre_id ON users
      FOR EACH ROW EXECUTE FUNCTION users_department_centre();
  `.execute(db);
}
