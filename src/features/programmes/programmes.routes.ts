import { Type } from 'typebox';
import { type Feature, requestContext } from '../../platform/context.ts';
import { DateString, IdParams, Nullable, problems, Uuid } from '../../platform/http/schemas.ts';
import { answerSurvey, recordAttendance, roster, surveyResults } from './attendance.service.ts';
import { cancelEnrolment, enrol } from './enrolments.service.ts';
import { registerInstitutionPages } from './institutions.pages.tsx';
import { registerProgrammeDeskPages } from './programme-desk.pages.tsx';
import { registerProgrammeNewPages } from './programme-new.pages.tsx';
import { registerProgrammePages } from './programmes.pages.tsx';
import { programmeReminderJob } from './programmes.reminders.ts';
import {
  Enrolment,
  Kind,
  Mark,
  Outcome,
  Programme,
  ProgrammeBody,
  ProgrammeParams,
} from './programmes.schemas.ts';
import {
  createProgramme,
  getProgramme,
  listOutcomes,
  listProgrammes,
  programmeSummary,
  publishProgramme,
} from './programmes.service.ts';
import { registerRequestPages } from './requests.pages.tsx';
import { registerInstitutionRequestRoutes } from './requests.routes.ts';
import { changePlaces, confirmOffer, programmeHoldJob } from './waiting-list.service.ts';

const tags = ['programmes'];
/** Programmes (취업특강·교육·집단상담·기관 요청): programmes, enrolments, attendance, surveys, outcomes. */
export const programmesFeature: Feature = {
  name: 'programmes',
  jobs: (ctx) => [programmeReminderJob(ctx.db), programmeHoldJob(ctx.db)],
  routes(app, ctx) {
    const rc = (req: Parameters<typeof requestContext>[1]) => requestContext(ctx.db, req);
    const read = (req: { actor: Parameters<typeof requestContext>[1]['actor']; lang: 'ko' | 'en' }) => ({
      db: ctx.db,
      actor: req.actor,
      lang: req.lang,
    });
    app.post(
      '/api/v1/programmes',
      {
        config: { permission: 'programmes.manage' },
        schema: {
          tags,
          summary: '프로그램 개설 / set up a programme with its sessions',
          body: Type.Object(
            {
              ...ProgrammeBody,
              centreId: Type.Optional(Uuid),
              externalParticipants: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 5000 }))),
            },
            { additionalProperties: false },
          ),
          response: { 201: Programme, ...problems },
        },
      },
      async (req, reply) => reply.status(201).send(await createProgramme(rc(req), req.body)),
    );
    app.get(
      '/api/v1/programmes',
      {
        config: { public: true },
        schema: {
          tags,
          summary: '프로그램 목록 / programmes (published ones for everyone)',
          querystring: Type.Object({ from: DateString, to: DateString, kind: Type.Optional(Kind) }),
          response: {
            200: Type.Object({ items: Type.Array(Programme), total: Type.Integer() }),
            ...problems,
          },
        },
      },
      async (req) => {
        const items = await listProgrammes(read(req), req.query);
        return { items, total: items.length };
      },
    );
    app.get(
      '/api/v1/programmes/outcomes',
      {
        config: { permission: 'programmes.manage' },
        schema: {
          tags,
          summary: '프로그램(기수)별 성과 / outcomes per programme ending in [from, to]',
          querystring: Type.Object({ from: DateString, to: DateString, kind: Type.Optional(Kind) }),
          response: {
            200: Type.Object({
              items: Type.Array(
                Type.Intersect([
                  Outcome,
                  Type.Object({
                    id: Uuid,
                    title: Type.String(),
                    kind: Type.String(),
                    kindName: Type.String(),
                    cohort: Nullable(Type.String()),
                    startsAt: Type.String(),
                    endsAt: Type.String(),
                  }),
                ]),
              ),
            }),
            ...problems,
          },
        },
      },
      async (req) => ({ items: await listOutcomes(rc(req), req.query) }),
    );
    app.get(
      '/api/v1/programmes/:id',
      {
        config: { public: true },
        schema: {
          tags,
          summary: '프로그램 / a programme',
          params: IdParams,
          response: { 200: Programme, ...problems },
        },
      },
      async (req) => getProgramme(read(req), req.params),
    );
    app.post(
      '/api/v1/programmes/:id/publish',
      {
        config: { permission: 'programmes.manage' },
        schema: {
          tags,
          summary: '프로그램 공개 / publish',
          params: IdParams,
          response: { 200: Programme, ...problems },
        },
      },
      async (req) => publishProgramme(rc(req), req.params),
    );
    app.patch(
      '/api/v1/programmes/:id',
      {
        config: { permission: 'programmes.manage' },
        schema: {
          tags,
          summary:
            '정원·확정 기한 변경 / change the capacity (a raise moves the waiting list up in order) or the hold window',
          params: IdParams,
          body: Type.Object(
            {
              capacity: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000 })),
              holdHours: Type.Optional(Type.Integer({ minimum: 0, maximum: 168 })),
            },
            { additionalProperties: false },
          ),
          response: {
            200: Type.Object({ programme: Programme, promoted: Type.Array(Enrolment) }),
            ...problems,
          },
        },
      },
      async (req) => changePlaces(rc(req), { id: req.params.id, ...req.body }),
    );
    app.post(
      '/api/v1/enrolments/:id/confirm',
      {
        config: { permission: 'programmes.enrol' },
        schema: {
          tags,
          summary: '자리 확정 / confirm a place held after moving up from the waiting list',
          params: IdParams,
          response: { 200: Enrolment, ...problems },
        },
      },
      async (req) => confirmOffer(rc(req), req.params),
    );
    app.get(
      '/api/v1/programmes/:id/summary',
      {
        config: { permission: 'programmes.manage' },
        schema: {
          tags,
          summary:
            '프로그램 성과 / enrolled, waitlisted, attendance, completed, satisfaction, employed within 6 months',
          params: IdParams,
          response: { 200: Outcome, ...problems },
        },
      },
      async (req) => programmeSummary(rc(req), req.params),
    );
    app.post(
      '/api/v1/programmes/:id/enrolments',
      {
        config: { permission: 'programmes.enrol' },
        schema: {
          tags,
          summary: '프로그램 신청 / enrol (registered, or waitlisted past the capacity)',
          params: ProgrammeParams,
          body: Type.Object({ seekerId: Type.Optional(Uuid) }, { additionalProperties: false }),
          response: { 201: Enrolment, ...problems },
        },
      },
      async (req, reply) =>
        reply
          .status(201)
          .send(await enrol(rc(req), { programmeId: req.params.id, seekerId: req.body?.seekerId })),
    );
    app.get(
      '/api/v1/programmes/:id/enrolments',
      {
        config: { permission: 'programmes.manage' },
        schema: {
          tags,
          summary: '참가자 명단 / roster with attendance and completion',
          params: ProgrammeParams,
        },
      },
      async (req) => roster(rc(req), { programmeId: req.params.id }),
    );
    app.post(
      '/api/v1/enrolments/:id/cancel',
      {
        config: { permission: 'programmes.enrol' },
        schema: {
          tags,
          summary: '신청 취소 / cancel (promotes the first on the waiting list)',
          params: IdParams,
          response: {
            200: Type.Intersect([Enrolment, Type.Object({ promoted: Nullable(Enrolment) })]),
            ...problems,
          },
        },
      },
      async (req) => cancelEnrolment(rc(req), req.params),
    );
    app.put(
      '/api/v1/programmes/:id/sessions/:sessionId/attendance',
      {
        config: { permission: 'programmes.manage' },
        schema: {
          tags,
          summary: '출석 입력 / record a session’s attendance',
          params: Type.Object({ id: Uuid, sessionId: Uuid }),
          body: Type.Union([
            Type.Array(Type.Object({ seekerId: Uuid, status: Mark }, { additionalProperties: false }), {
              maxItems: 5000,
            }),
            Type.Object(
              {
                marks: Type.Array(
                  Type.Object({ seekerId: Uuid, status: Mark }, { additionalProperties: false }),
                  {
                    maxItems: 5000,
                  },
                ),
                externalAttended: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 5000 }))),
              },
              { additionalProperties: false },
            ),
          ]),
          response: { 200: Type.Object({ sessionId: Uuid, marked: Type.Integer() }), ...problems },
        },
      },
      async (req) => {
        const b = req.body;
        const marks = Array.isArray(b) ? b : b.marks;
        const externalAttended = Array.isArray(b) ? undefined : b.externalAttended;
        return recordAttendance(rc(req), {
          programmeId: req.params.id,
          sessionId: req.params.sessionId,
          marks,
          ...(externalAttended === undefined ? {} : { externalAttended }),
        });
      },
    );
    app.post(
      '/api/v1/programmes/:id/survey',
      {
        config: { permission: 'programmes.enrol' },
        schema: {
          tags,
          summary: '만족도 조사 응답 / answer the satisfaction survey (once)',
          params: ProgrammeParams,
          body: Type.Object(
            {
              score: Type.Integer({ minimum: 1, maximum: 5 }),
              comment: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
            },
            { additionalProperties: false },
          ),
          response: {
            201: Type.Object({
              programmeId: Uuid,
              score: Type.Integer(),
              comment: Nullable(Type.String()),
              createdAt: Type.String(),
            }),
            ...problems,
          },
        },
      },
      async (req, reply) =>
        reply.status(201).send(await answerSurvey(rc(req), { programmeId: req.params.id, ...req.body })),
    );
    app.get(
      '/api/v1/programmes/:id/survey',
      {
        config: { permission: 'programmes.manage' },
        schema: {
          tags,
          summary: '만족도 조사 결과 / survey results (anonymous)',
          params: ProgrammeParams,
          response: {
            200: Type.Object({
              programmeId: Uuid,
              answers: Type.Integer(),
              mean: Nullable(Type.Number()),
              byScore: Type.Array(Type.Object({ score: Type.Integer(), count: Type.Integer() })),
              comments: Type.Array(Type.Object({ comment: Type.String(), score: Type.Integer() })),
            }),
            ...problems,
          },
        },
      },
      async (req) => surveyResults(rc(req), { programmeId: req.params.id }),
    );
    registerInstitutionRequestRoutes(app, ctx);
    registerProgrammePages(app, ctx);
    registerProgrammeNewPages(app, ctx);
    registerRequestPages(app, ctx);
    registerProgrammeDeskPages(app, ctx);
    registerInstitutionPages(app, ctx);
  },
};
