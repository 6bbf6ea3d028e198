import { Type } from 'typebox';
import type { Feature } from '../platform/context.ts';
import { seoulToday } from '../platform/domain/dates.ts';
import { isRealDate } from '../platform/domain/validate.ts';
import { DomainError } from '../platform/errors.ts';
import { type CodeSetName, findCode, listCodes } from './codes.ts';
import { type KsicVersion, ksicLinksOf, ksicName } from './industries.ts';
import { crosswalkOf, findOccupation, type OccupationEdition, occupationSet } from './occupations.ts';
import { presentRegion, regionsAt } from './regions.ts';
import { MEDIAN_INCOMES, MINIMUM_WAGES } from './wages.ts';

const publicSets = [
  'occupations',
  'regions',
  'industries',
  'education',
  'employment-types',
  'wage-types',
  'careers',
  'work-days',
  'preferences',
  'target-groups',
] as const satisfies readonly CodeSetName[];

const CodeItem = Type.Object({
  code: Type.String(),
  name: Type.String(),
  nameEn: Type.String(),
  level: Type.Integer(),
  parent: Type.Union([Type.String(), Type.Null()]),
});

const Region = Type.Object({
  code: Type.String(),
  name: Type.String(),
  nameEn: Type.String(),
  level: Type.Integer(),
  parent: Type.Union([Type.String(), Type.Null()]),
  validFrom: Type.Union([Type.String(), Type.Null()]),
  validTo: Type.Union([Type.String(), Type.Null()]),
  successors: Type.Array(Type.String()),
});
const Edition = Type.Enum(['2018', '2025']);
const Occupation = Type.Object({
  ...CodeItem.properties,
  version: Edition,
  crosswalk: Type.Array(
    Type.Object({
      code: Type.String(),
      name: Type.String(),
      version: Edition,
      basis: Type.Enum(['official', 'same-title']),
    }),
  ),
});
const DateString = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });

/** Public code tables (no login): reference data for forms, filters and partner systems. */
export const codesFeature: Feature = {
  name: 'codes',
  routes(app) {
    // Regions are dated (API.md "Reference data (dated)"): the set of one day, and any code
    // ever used, abolished ones included with their successors.
    app.get(
      '/api/v1/codes/regions',
      {
        config: { public: true },
        schema: {
          tags: ['codes'],
          summary: '지역코드 (기준일) / regions in force on a date',
          querystring: Type.Object({
            at: Type.Optional(DateString),
            level: Type.Optional(Type.Integer({ minimum: 1, maximum: 3 })),
            parent: Type.Optional(Type.String({ maxLength: 10 })),
          }),
          response: {
            200: Type.Object({ at: Type.String(), items: Type.Array(Region), total: Type.Integer() }),
          },
        },
      },
      async (req, reply) => {
        const { at, level, parent } = req.query as { at?: string; level?: number; parent?: string };
        if (at !== undefined && !isRealDate(at)) {
          throw new DomainError('validation', 'error.validation', {}, [{ field: 'at', key: 'field.date' }]);
        }
        const date = at ?? seoulToday();
        const items = regionsAt(date, { level, parent }).map(presentRegion);
        reply.header('cache-control', at ? 'public, max-age=3600' : 'public, max-age=600');
        return { at: date, items, total: items.length };
      },
    );
    app.get(
      '/api/v1/codes/regions/:code',
      {
        config: { public: true },
        schema: {
          tags: ['codes'],
          summary: '지역코드 한 건 (폐지 코드 포함) / one region code, abolished ones too',
          params: Type.Object({ code: Type.String({ pattern: '^\\d{2}(\\d{3})?$' }) }),
          response: { 200: Region },
        },
      },
      async (req) => {
        const item = findCode('regions', (req.params as { code: string }).code);
        if (!item) throw new DomainError('not_found', 'error.notFound');
        return presentRegion(item);
      },
    );
    // KECO 2018 and 2025 side by side (API.md): `version` picks the edition, 2018 when absent
    // (what records without an edition hold); one code carries its links to the other edition.
    app.get(
      '/api/v1/codes/occupations',
      {
        config: { public: true },
        schema: {
          tags: ['codes'],
          summary: '직업코드 (KECO 2018·2025) / occupation codes of one KECO edition',
          querystring: Type.Object({
            version: Type.Optional(Edition),
            level: Type.Optional(Type.Integer({ minimum: 1, maximum: 4 })),
            parent: Type.Optional(Type.String({ maxLength: 10 })),
          }),
          response: {
            200: Type.Object({ version: Edition, items: Type.Array(CodeItem), total: Type.Integer() }),
          },
        },
      },
      async (req, reply) => {
        const q = req.query as { version?: OccupationEdition; level?: number; parent?: string };
        const version = q.version ?? '2018';
        const items = listCodes(occupationSet(version)).filter(
          (c) =>
            (q.level === undefined || c.level === q.level) &&
            (q.parent === undefined || c.parent === q.parent),
        );
        reply.header('cache-control', 'public, max-age=3600');
        return { version, items, total: items.length };
      },
    );
    app.get(
      '/api/v1/codes/occupations/:code',
      {
        config: { public: true },
        schema: {
          tags: ['codes'],
          summary: '직업코드 한 건과 다른 판의 연계 / one occupation code with its crosswalk',
          params: Type.Object({ code: Type.String({ pattern: '^\\d{1,4}$' }) }),
          querystring: Type.Object({ version: Type.Optional(Edition) }),
          response: { 200: Occupation },
        },
      },
      async (req, reply) => {
        const { code } = req.params as { code: string };
        const version = (req.query as { version?: OccupationEdition }).version ?? '2018';
        const item = findOccupation(code, version);
        if (!item) throw new DomainError('not_found', 'error.notFound');
        const crosswalk = crosswalkOf(item.code, version).map((l) => ({
          code: l.code,
          name: l.name,
          version: l.edition,
          basis: l.basis,
        }));
        reply.header('cache-control', 'public, max-age=3600');
        return { ...item, version, crosswalk };
      },
    );
    const Ksic = Type.Enum(['10', '11']);
    app.get(
      '/api/v1/codes/industries/:code',
      {
        config: { public: true },
        schema: {
          tags: ['codes'],
          summary:
            '산업분류 중분류·세분류 한 건과 10차↔11차 연계 / one KSIC division or class with its 10↔11 links',
          params: Type.Object({ code: Type.String({ pattern: '^(\\d{2}|\\d{4})$' }) }),
          querystring: Type.Object({ version: Type.Optional(Ksic) }),
          response: {
            200: Type.Object({
              code: Type.String(),
              name: Type.String(),
              version: Ksic,
              crosswalk: Type.Array(
                Type.Object({
                  code: Type.String(),
                  name: Type.String(),
                  version: Ksic,
                  relation: Type.Enum(['same', 'renamed', 'recoded', 'split', 'merged', 'split-merged']),
                }),
              ),
            }),
          },
        },
      },
      async (req, reply) => {
        const { code } = req.params as { code: string };
        const version = (req.query as { version?: KsicVersion }).version ?? '11';
        const name = ksicName(code, version);
        if (!name) throw new DomainError('not_found', 'error.notFound');
        reply.header('cache-control', 'public, max-age=3600');
        return { code, name, version, crosswalk: ksicLinksOf(code, version) };
      },
    );
    // 최저임금 and 기준중위소득 by year, with the notice that set them where known.
    const Notice = Type.Union([Type.String(), Type.Null()]);
    const YearQuery = Type.Object({ year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })) });
    app.get(
      '/api/v1/codes/minimum-wage',
      {
        config: { public: true },
        schema: {
          tags: ['codes'],
          summary: '최저임금 (연도별 시간급) / hourly minimum wage by year',
          querystring: YearQuery,
          response: {
            200: Type.Object({
              items: Type.Array(
                Type.Object({ year: Type.Integer(), hourly: Type.Integer(), notice: Notice }),
              ),
              total: Type.Integer(),
            }),
          },
        },
      },
      async (req, reply) => {
        const { year } = req.query as { year?: number };
        const items = MINIMUM_WAGES.filter((w) => year === undefined || w.year === year);
        reply.header('cache-control', 'public, max-age=3600');
        return { items, total: items.length };
      },
    );
    app.get(
      '/api/v1/codes/median-income',
      {
        config: { public: true },
        schema: {
          tags: ['codes'],
          summary: '기준중위소득 (연도·가구원수별 월액) / standard median income by year and household size',
          querystring: YearQuery,
          response: {
            200: Type.Object({
              items: Type.Array(
                Type.Object({
                  year: Type.Integer(),
                  householdSize: Type.Integer(),
                  monthly: Type.Integer(),
                  notice: Notice,
                }),
              ),
              total: Type.Integer(),
            }),
          },
        },
      },
      async (req, reply) => {
        const { year } = req.query as { year?: number };
        const items = MEDIAN_INCOMES.filter((m) => year === undefined || m.year === year);
        reply.header('cache-control', 'public, max-age=3600');
        return { items, total: items.length };
      },
    );
    app.get(
      '/api/v1/codes/:set',
      {
        config: { public: true },
        schema: {
          tags: ['codes'],
          summary: '코드표 / code set',
          params: Type.Object({ set: Type.Enum(publicSets) }),
          querystring: Type.Object({
            level: Type.Optional(Type.Integer({ minimum: 1, maximum: 4 })),
            parent: Type.Optional(Type.String({ maxLength: 10 })),
          }),
          response: { 200: Type.Object({ items: Type.Array(CodeItem), total: Type.Integer() }) },
        },
      },
      async (req, reply) => {
        const { set } = req.params as { set: CodeSetName };
        const { level, parent } = req.query as { level?: number; parent?: string };
        const items = listCodes(set).filter(
          (c) => (level === undefined || c.level === level) && (parent === undefined || c.parent === parent),
        );
        reply.header('cache-control', 'public, max-age=3600');
        return { items, total: items.length };
      },
    );
  },
};
