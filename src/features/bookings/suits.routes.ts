import { Type } from 'typebox';
import { type AppContext, requestContext } from '../../platform/context.ts';
import {
  DateString,
  IdParams,
  listPage,
  Nullable,
  Page,
  PageQuery,
  problems,
  Uuid,
} from '../../platform/http/schemas.ts';
import type { Server } from '../../platform/http/server.ts';
import { SUIT_CATEGORIES, SUIT_GENDERS } from './bookings.codes.ts';
import {
  createSuitItem,
  createSuitRental,
  listSuitItems,
  listSuitRentals,
  returnSuitRental,
  suitStock,
} from './suits.service.ts';

const tags = ['suits'];
const Category = Type.Enum(Object.keys(SUIT_CATEGORIES) as (keyof typeof SUIT_CATEGORIES)[]);
const Gender = Type.Enum(Object.keys(SUIT_GENDERS) as (keyof typeof SUIT_GENDERS)[]);
const Item = Type.Object({
  id: Uuid,
  centreId: Uuid,
  code: Type.String(),
  category: Type.String(),
  categoryName: Type.String(),
  gender: Type.String(),
  genderName: Type.String(),
  size: Type.String(),
  sizeBand: Type.String(),
  colour: Nullable(Type.String()),
  status: Type.String(),
  out: Type.Boolean(),
  rentalId: Nullable(Uuid),
  dueOn: Nullable(Type.String()),
});
const Rental = Type.Object({
  id: Uuid,
  centreId: Uuid,
  seekerId: Uuid,
  from: Type.String(),
  dueOn: Type.String(),
  returnedOn: Nullable(Type.String()),
  overdue: Type.Boolean(),
  note: Nullable(Type.String()),
  items: Type.Array(
    Type.Object({
      id: Uuid,
      code: Type.String(),
      category: Type.String(),
      categoryName: Type.String(),
      gender: Type.String(),
      size: Type.String(),
    }),
  ),
});

/** Interview suits (면접정장): items, rentals of a set, returns, overdue list and stock by size band. */
export function registerSuitRoutes(app: Server, ctx: AppContext) {
  app.post(
    '/api/v1/suits',
    {
      config: { permission: 'suits.manage' },
      schema: {
        tags,
        summary: '정장 품목 등록 / add a suit item',
        body: Type.Object(
          {
            code: Type.String({ minLength: 1, maxLength: 40 }),
            category: Category,
            gender: Gender,
            size: Type.String({ minLength: 1, maxLength: 20 }),
            colour: Type.Optional(Type.String({ maxLength: 40 })),
            centreId: Type.Optional(Uuid),
          },
          { additionalProperties: false },
        ),
        response: { 201: Item, ...problems },
      },
    },
    async (req, reply) => reply.status(201).send(await createSuitItem(requestContext(ctx.db, req), req.body)),
  );
  app.get(
    '/api/v1/suits',
    {
      config: { permission: 'suits.manage' },
      schema: {
        tags,
        summary: '정장 품목 / suit items',
        querystring: Type.Object({
          ...PageQuery,
          available: Type.Optional(Type.Boolean()),
          category: Type.Optional(Category),
          gender: Type.Optional(Gender),
          size: Type.Optional(Type.String({ maxLength: 20 })),
        }),
        response: { 200: Page(Item), ...problems },
      },
    },
    async (req) => listPage(req.query, (q) => listSuitItems(requestContext(ctx.db, req), q)),
  );
  app.get(
    '/api/v1/suits/stock',
    {
      config: { permission: 'suits.manage' },
      schema: {
        tags,
        summary: '사이즈별 재고 / stock by size band',
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Object({
                category: Type.String(),
                categoryName: Type.String(),
                gender: Type.String(),
                genderName: Type.String(),
                band: Type.String(),
                total: Type.Integer(),
                out: Type.Integer(),
                free: Type.Integer(),
              }),
            ),
          }),
          ...problems,
        },
      },
    },
    async (req) => ({ items: await suitStock(requestContext(ctx.db, req)) }),
  );
  app.post(
    '/api/v1/suit-rentals',
    {
      config: { permission: 'suits.manage' },
      schema: {
        tags,
        summary: '정장 대여 / lend a set',
        body: Type.Object(
          {
            seekerId: Uuid,
            itemIds: Type.Array(Uuid, { minItems: 1, maxItems: 10 }),
            from: DateString,
            dueOn: DateString,
            note: Type.Optional(Type.String({ maxLength: 1000 })),
          },
          { additionalProperties: false },
        ),
        response: { 201: Rental, ...problems },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await createSuitRental(requestContext(ctx.db, req), req.body)),
  );
  app.get(
    '/api/v1/suit-rentals',
    {
      config: { permission: 'suits.manage' },
      schema: {
        tags,
        summary: '정장 대여 목록 (미반납·연체) / rentals, open or overdue',
        querystring: Type.Object({
          ...PageQuery,
          open: Type.Optional(Type.Boolean()),
          overdue: Type.Optional(Type.Boolean()),
          seekerId: Type.Optional(Uuid),
        }),
        response: { 200: Page(Rental), ...problems },
      },
    },
    async (req) => listPage(req.query, (q) => listSuitRentals(requestContext(ctx.db, req), q)),
  );
  app.post(
    '/api/v1/suit-rentals/:id/return',
    {
      config: { permission: 'suits.manage' },
      schema: {
        tags,
        summary: '정장 반납 / the set comes back',
        params: IdParams,
        body: Type.Optional(Type.Object({ on: Type.Optional(DateString) }, { additionalProperties: false })),
        response: { 200: Rental, ...problems },
      },
    },
    async (req) => returnSuitRental(requestContext(ctx.db, req), { id: req.params.id, on: req.body?.on }),
  );
}
