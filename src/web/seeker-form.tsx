import { listCodes } from '../codes/codes.ts';
import { isOccupationEdition, type OccupationEdition } from '../codes/occupations.ts';
import { defineMessages, type Lang, t } from '../platform/i18n/i18n.ts';
import {
  codeOptions,
  OccupationList,
  OccupationPicker,
  occupationFromPicker,
  regionOptions,
} from './codes.tsx';
import {
  Check,
  CheckGroup,
  type FieldErrors,
  fieldErrors,
  fieldId,
  Input,
  list,
  Select,
  str,
} from './forms.tsx';

defineMessages({
  'sf.personal': ['인적 사항', 'Personal details'],
  'sf.name': ['이름', 'Name'],
  'sf.birthDate': ['생년월일', 'Date of birth'],
  'sf.birthHint': [
    '주민등록번호는 받지 않습니다. 예: 1990-05-17',
    'We never ask for a resident number. e.g. 1990-05-17',
  ],
  'sf.phone': ['휴대전화', 'Mobile phone'],
  'sf.email': ['이메일', 'E-mail'],
  'sf.region': ['거주 지역', 'Region of residence'],
  'sf.address': ['주소', 'Address'],
  'sf.education': ['최종 학력', 'Education'],
  'sf.targetGroups': ['취업지원 대상 (해당 시)', 'Support groups (if any)'],
  'sf.desired': ['희망 조건', 'What work you want'],
  'sf.occupation': ['희망 직종', 'Desired occupation'],
  'sf.occupation2': ['두 번째 희망 직종', 'Second desired occupation'],
  'sf.desiredRegion': ['희망 근무 지역', 'Desired work region'],
  'sf.wageType': ['희망 임금 형태', 'Wage type'],
  'sf.wageMin': ['희망 최소 임금 (원)', 'Minimum wage wanted (KRW)'],
  'sf.certificates': ['자격증', 'Certificates'],
  'sf.listHint': ['여러 개는 쉼표(,)로 구분하세요.', 'Separate several with commas.'],
  'sf.keywords': ['키워드', 'Keywords'],
  'sf.consent': ['동의', 'Consent'],
  'sf.share': [
    '연계 센터(도·시·군 일자리센터, 협력 기관)가 취업 지원을 위해 제 구직 정보를 볼 수 있도록 동의합니다. (선택, 언제든 철회 가능)',
    'I agree that linked centres and partner agencies may see my job-seeker record to help me find work. (optional, can be withdrawn at any time)',
  ],
});

/** The profile values a form carries, as strings (re-shown after a failed post). */
export type ProfileForm = Record<string, string | string[]>;

/** Builds the service input (SeekerCreate shape) from a posted form. */
export function profileFromForm(b: ProfileForm) {
  const edition = formEdition(b);
  const occupations = [str(b, 'desired.occupations'), str(b, 'desired.occupations2')]
    .filter(Boolean)
    .map((o) => occupationFromPicker(o, edition));
  const wage = str(b, 'desired.wageMin').replace(/[,\s원]/g, '');
  return {
    name: str(b, 'name'),
    birthDate: str(b, 'birthDate'),
    phone: str(b, 'phone'),
    email: str(b, 'email') || null,
    regionCode: str(b, 'regionCode'),
    address: str(b, 'address') || null,
    educationLevel: str(b, 'educationLevel'),
    targetGroups: list(b, 'targetGroups'),
    desired: {
      occupations,
      occupationEdition: edition,
      regions: list(b, 'desired.regions'),
      wageType: str(b, 'desired.wageType') || null,
      wageMin: wage && /^\d+$/.test(wage) ? Number(wage) : null,
    },
    certificates: list(b, 'certificates'),
    keywords: list(b, 'keywords'),
    consent: { shareWithNetwork: str(b, 'consent.shareWithNetwork') === 'on' },
  };
}

/** The KECO edition a profile form speaks: the one it carries, else the current one (2025). */
function formEdition(b: ProfileForm): OccupationEdition {
  const e = str(b, 'desired.occupationEdition');
  return isOccupationEdition(e) ? e : '2025';
}

/** Form values from a stored seeker (for editing). */
export function formFromSeeker(s: {
  name: string;
  birthDate: string;
  phone: string | null;
  email: string | null;
  regionCode: string;
  address: string | null;
  educationLevel: string;
  targetGroups: string[];
  desired: {
    occupations: string[];
    occupationEdition?: string;
    regions: string[];
    wageType: string | null;
    wageMin: number | null;
  };
  certificates: string[];
  keywords: string[];
  consent: { shareWithNetwork: boolean };
}): ProfileForm {
  return {
    name: s.name,
    birthDate: s.birthDate,
    phone: s.phone ?? '',
    email: s.email ?? '',
    regionCode: s.regionCode,
    address: s.address ?? '',
    educationLevel: s.educationLevel,
    targetGroups: s.targetGroups,
    'desired.occupations': s.desired.occupations[0] ?? '',
    'desired.occupations2': s.desired.occupations[1] ?? '',
    // A record keeps its edition: its codes are shown and checked in it.
    'desired.occupationEdition': s.desired.occupationEdition ?? '2018',
    'desired.regions': s.desired.regions[0] ?? '',
    'desired.wageType': s.desired.wageType ?? '',
    'desired.wageMin': s.desired.wageMin == null ? '' : String(s.desired.wageMin),
    certificates: s.certificates.join(', '),
    keywords: s.keywords.join(', '),
    'consent.shareWithNetwork': s.consent.shareWithNetwork ? 'on' : '',
  };
}

/** Maps service field paths (desired.occupations.0, desired.wageMin) onto the form's names. */
function formErrorName(errors: FieldErrors): FieldErrors {
  const out: FieldErrors = {};
  for (const [k, v] of Object.entries(errors)) {
    const name = k.startsWith('desired.occupations') ? 'desired.occupations' : k.replace(/\.\d+$/, '');
    out[name] ??= v;
  }
  return out;
}

/** A failed profile post as form problems, named as the profile form names its fields. */
export function profileErrors(err: unknown, lang: Lang): { form: string; fields: FieldErrors } {
  const e = fieldErrors(err, lang);
  return { form: e.form, fields: formErrorName(e.fields) };
}

/** Fieldsets of a seeker profile; `identity` false hides name, birth date and region (self-edit). */
export function SeekerFields({
  lang: L,
  v,
  errors: e,
  identity = true,
}: {
  lang: Lang;
  v: ProfileForm;
  errors: FieldErrors;
  identity?: boolean;
}) {
  const s = (n: string) => str(v, n);
  const groups = new Set(list(v, 'targetGroups'));
  return (
    <>
      <fieldset>
        <legend>{t(L, 'sf.personal')}</legend>
        <div class="grid">
          {identity ? (
            <>
              <Input
                lang={L}
                name="name"
                label={t(L, 'sf.name')}
                value={s('name')}
                error={e.name}
                required
                autocomplete="name"
              />
              <Input
                lang={L}
                name="birthDate"
                type="date"
                label={t(L, 'sf.birthDate')}
                hint={t(L, 'sf.birthHint')}
                value={s('birthDate')}
                error={e.birthDate}
                required
                autocomplete="bday"
              />
            </>
          ) : null}
          <Input
            lang={L}
            name="phone"
            type="tel"
            label={t(L, 'sf.phone')}
            value={s('phone')}
            error={e.phone}
            required={identity}
            autocomplete="tel"
          />
          <Input
            lang={L}
            name="email"
            type="email"
            label={t(L, 'sf.email')}
            value={s('email')}
            error={e.email}
            autocomplete="email"
          />
          {identity ? (
            <>
              <Select
                lang={L}
                name="regionCode"
                label={t(L, 'sf.region')}
                options={regionOptions(L)}
                value={s('regionCode')}
                error={e.regionCode}
                required
              />
              <Select
                lang={L}
                name="educationLevel"
                label={t(L, 'sf.education')}
                options={codeOptions('education', L)}
                value={s('educationLevel')}
                error={e.educationLevel}
                required
              />
            </>
          ) : null}
          <Input
            lang={L}
            name="address"
            label={t(L, 'sf.address')}
            value={s('address')}
            error={e.address}
            autocomplete="street-address"
          />
        </div>
        {identity ? (
          <CheckGroup name="targetGroups" legend={t(L, 'sf.targetGroups')} error={e.targetGroups}>
            {listCodes('target-groups').map((g) => (
              <Check
                key={g.code}
                id={fieldId(`targetGroups.${g.code}`)}
                name="targetGroups"
                value={g.code}
                checked={groups.has(g.code)}
                label={L === 'en' ? g.nameEn : g.name}
              />
            ))}
          </CheckGroup>
        ) : null}
      </fieldset>
      <fieldset>
        <legend>{t(L, 'sf.desired')}</legend>
        <div class="grid">
          <OccupationPicker
            lang={L}
            name="desired.occupations"
            editionName="desired.occupationEdition"
            edition={formEdition(v)}
            listId="occupations-list"
            label={t(L, 'sf.occupation')}
            value={s('desired.occupations')}
            error={e['desired.occupations']}
            required={identity}
          />
          <OccupationPicker
            lang={L}
            name="desired.occupations2"
            edition={formEdition(v)}
            listId="occupations-list"
            label={t(L, 'sf.occupation2')}
            value={s('desired.occupations2')}
          />
          <OccupationList id="occupations-list" edition={formEdition(v)} lang={L} />
          <Select
            lang={L}
            name="desired.regions"
            label={t(L, 'sf.desiredRegion')}
            options={regionOptions(L)}
            value={s('desired.regions')}
            error={e['desired.regions']}
          />
          <Select
            lang={L}
            name="desired.wageType"
            label={t(L, 'sf.wageType')}
            options={codeOptions('wage-types', L)}
            value={s('desired.wageType')}
            error={e['desired.wageType']}
          />
          <Input
            lang={L}
            name="desired.wageMin"
            label={t(L, 'sf.wageMin')}
            inputMode="numeric"
            value={s('desired.wageMin')}
            error={e['desired.wageMin']}
          />
          <Input
            lang={L}
            name="certificates"
            label={t(L, 'sf.certificates')}
            hint={t(L, 'sf.listHint')}
            value={s('certificates')}
            error={e.certificates}
          />
          <Input
            lang={L}
            name="keywords"
            label={t(L, 'sf.keywords')}
            hint={t(L, 'sf.listHint')}
            value={s('keywords')}
            error={e.keywords}
          />
        </div>
      </fieldset>
      <fieldset>
        <legend>{t(L, 'sf.consent')}</legend>
        <Check
          id={fieldId('consent.shareWithNetwork')}
          name="consent.shareWithNetwork"
          checked={s('consent.shareWithNetwork') === 'on'}
          label={t(L, 'sf.share')}
        />
      </fieldset>
    </>
  );
}
