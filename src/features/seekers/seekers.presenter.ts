import { type OccupationEdition, occupationName } from '../../codes/occupations.ts';
import { decryptField } from '../../platform/crypto/fields.ts';
import type { FieldProblem } from '../../platform/errors.ts';
import { type Lang, t } from '../../platform/i18n/i18n.ts';
import type { PresentedRow } from './seekers.list.repository.ts';

type Career = { company: string; occupation: string; months: number; occupationEdition?: OccupationEdition };

/** A career as shown: a coded occupation with its edition ("2018" for rows older than the field) and name. */
function presentCareer(c: Career): Career & { occupationName?: string } {
  if (!/^\d+$/.test(c.occupation ?? ''))
    return { company: c.company, occupation: c.occupation, months: c.months };
  const edition = c.occupationEdition ?? '2018';
  return { ...c, occupationEdition: edition, occupationName: occupationName(c.occupation, edition) };
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * Seeker as the API shows it. `full` is the record for staff of its centre subtree. A
 * `shared` view (another centre or a partner, by consent) is read-only and minimal: no target
 * groups (they may be sensitive), no status reason, no counsellor, and of the items a share
 * consent can name (name, birthDate, phone, email, regionCode, address, educationLevel, desired,
 * careers, certificates, keywords) only those its active consents name: the others are null or
 * empty.
 */
type ViewMode = { mode: 'full' } | { mode: 'shared'; items: ReadonlySet<string> };

export function presentSeeker(key: Buffer, r: PresentedRow, view?: { mode: 'full' }): FullSeekerView;
export function presentSeeker(key: Buffer, r: PresentedRow, view: ViewMode): SeekerView;
export function presentSeeker(key: Buffer, r: PresentedRow, view: ViewMode = { mode: 'full' }) {
  return present(key, r, view);
}

function present(key: Buffer, r: PresentedRow, view: ViewMode) {
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
    name: allowed('name') ? r.name : null,
    birthDate: allowed('birthDate') ? r.birth_date : null,
    phone: allowed('phone') ? decryptField(key, r.phone_enc) : null,
    email: allowed('email') ? decryptField(key, r.email_enc) : null,
    regionCode: allowed('regionCode') ? r.region_code : null,
    address: allowed('address') ? decryptField(key, r.address_enc) : null,
    educationLevel: allowed('educationLevel') ? r.education_level : null,
    targetGroups: full ? r.target_groups : [],
    desired: !allowed('desired')
      ? null
      : {
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
    careers: allowed('careers') ? ((r.careers as Career[]) ?? []).map(presentCareer) : [],
    careerMonths: allowed('careers') ? r.career_months : null,
    certificates: allowed('certificates') ? r.certificates : [],
    keywords: allowed('keywords') ? r.keywords : [],
    consent: { shareWithNetwork: r.consent_share, sensitive: r.consent_sensitive },
    registeredAt: r.registered_at,
    externalId: full ? r.external_id : null,
    channel: r.channel,
    deskSessionId: r.desk_session_id,
    counsellorId: full ? r.counsellor_id : null,
    statusReason: full ? r.status_reason : null,
    statusChangedAt: iso(r.status_changed_at),
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}

export type SeekerView = ReturnType<typeof present>;

/** What a page shows for `desired` when a shared view leaves it out. */
export const noDesired: NonNullable<SeekerView['desired']> = {
  occupations: [],
  occupationEdition: '2018',
  regions: [],
  employmentTypes: [],
  wageType: null,
  wageMin: null,
  wageMonthly: null,
  workDays: null,
  workHours: null,
  availableFrom: null,
};
/** Items a shared view may leave out; the full view always has them. */
type Withheld = 'name' | 'birthDate' | 'regionCode' | 'educationLevel' | 'desired' | 'careerMonths';
export type FullSeekerView = Omit<SeekerView, Withheld> & {
  [K in Withheld]: NonNullable<SeekerView[K]>;
};

/** Warnings (e.g. a masked RRN) in the request's language. */
export function presentWarnings(lang: Lang, warnings: FieldProblem[]) {
  return warnings.map((w) => ({ field: w.field, message: t(lang, w.key, w.params) }));
}
