import { decryptField } from '../../platform/crypto/fields.ts';
import type { Db } from '../../platform/db/pool.ts';

export interface EmployerContact {
  id: string;
  centreId: string;
  /** The company's name (the message names the company, the contact person is greeted by it). */
  name: string;
  phone: string | null;
  email: string | null;
  reachable: boolean;
}

/**
 * The company's name and the first contact person's phone and e-mail (an employer's contacts
 * are stored encrypted as one list), for a message the system sends it.
 */
export async function employerContacts(
  db: Db,
  key: Buffer,
  ids: readonly string[],
): Promise<Map<string, EmployerContact>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('employers')
    .select(['id', 'centre_id', 'name', 'contacts_enc'])
    .where('id', 'in', [...ids])
    .execute();
  return new Map(
    rows.map((r) => {
      const plain = decryptField(key, r.contacts_enc);
      const contacts = plain ? (JSON.parse(plain) as { phone?: string; email?: string }[]) : [];
      return [
        r.id,
        {
          id: r.id,
          centreId: r.centre_id,
          name: r.name,
          phone: contacts.find((c) => c.phone)?.phone ?? null,
          email: contacts.find((c) => c.email)?.email ?? null,
          reachable: true,
        },
      ];
    }),
  );
}
