import { decryptField } from '../../platform/crypto/fields.ts';
import type { FieldProblem } from '../../platform/errors.ts';
import { type Lang, t } from '../../platform/i18n/i18n.ts';
import type { SeekerRow } from './seekers.repository.ts';

type Career = { company: string; occupation: string; months: number };

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * Seeker as the API shows it. `full` is the record for staff of its centre subtree. A
 * `shared` view (another centre or a partner, by consent) is read-only and minimal: no target
 * groups (they may be sensitive), no status reason, contact fields only when the consent names
 * them, no counsellor.
 */
export function presentSeeker(
  key: Buffer,
  r: SeekerRow,
  view: { mode: 'full' } | { mode: 'shared'; items: ReadonlySet<string> } = { mode: 'full' },
) {
  const full = view.mode === 'full';
  const allowed = (item: string) => full || view.items.has(item);
  return {
    id: r.id,
    registrationNo: r.registration_no,
    centreId: r.centre_id,
    status: r.status,
    care: r.care,
    careSince: iso(r.care_since),
    suspended: r.suspended,
    shared: !full,
    name: r.name,
    birthDate: r.birth_date,
    phone: allowed('phone') ? decryptField(key, r.phone_enc) : null,
    email: allowed('email') ? decryptField(key, r.email_enc) : null,
    regionCode: r.region_code,
    address: allowed('address') ? decryptField(key, r.address_enc) : null,
    educationLevel: r.education_level,
    targetGroups: full ? r.target_groups : [],
    desired: {
      occupations: r.desired_occupations,
      occupationEdition: r.desired_occupation_edition,
      regions: r.desired_regions,
      employmentTypes: r.desired_employment_types,
      wageType: r.desired_wage_type,
      wageMin: r.desired_wage_min,
      wageMonthly: r.desired_wage_monthly,
      workDays: r.desired_work_days,
      workHours: r.desired_work_hours,
      availableFrom: r.available_from,
    },
    careers: (r.careers as Career[]) ?? [],
    careerMonths: r.career_months,
    certificates: r.certificates,
    keywords: r.keywords,
    consent: { shareWithNetwork: r.consent_share, sensitive: r.consent_sensitive },
    registeredAt: r.registered_at,
    externalId: full ? r.external_id : null,
    channel: r.channel,
    counsellorId: full ? r.counsellor_id : null,
    statusReason: full ? r.status_reason : null,
    statusChangedAt: iso(r.status_changed_at),
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}

export type SeekerView = ReturnType<typeof presentSeeker>;

/** Warnings (e.g. a masked RRN) in the request's language. */
export function presentWarnings(lang: Lang, warnings: FieldProblem[]) {
  return warnings.map((w) => ({ field: w.field, message: t(lang, w.key, w.params) }));
}
