import { sql } from 'kysely';
import type { RequestContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db/pool.ts';
import { invalid, notFound } from '../../platform/errors.ts';
import './notifications.messages.ts';
import type { RecipientKind } from './notifications.tables.ts';
import { templateFields } from './templates.ts';

// Notification templates: the admins' list and edits (GET/PATCH /notification-templates).

export interface TemplateView {
  key: string;
  name: string;
  recipientKind: RecipientKind;
  category: 'info' | 'ad';
  urgent: boolean;
  subject: string;
  body: string;
  variables: string[];
  alimtalkTemplateId: string | null;
  /** 알림톡 is used: an approved template whose body is still the approved one. */
  alimtalkActive: boolean;
  version: number;
  updatedAt: string;
}

type TemplateRow = {
  key: string;
  name: string;
  recipient_kind: RecipientKind;
  category: 'info' | 'ad';
  urgent: boolean;
  subject: string;
  body: string;
  variables: string[];
  alimtalk_template_id: string | null;
  alimtalk_approved_body: string | null;
  version: number;
  updated_at: Date;
};

export function presentTemplate(r: TemplateRow): TemplateView {
  return {
    key: r.key,
    name: r.name,
    recipientKind: r.recipient_kind,
    category: r.category,
    urgent: r.urgent,
    subject: r.subject,
    body: r.body,
    variables: r.variables,
    alimtalkTemplateId: r.alimtalk_template_id,
    alimtalkActive: r.alimtalk_template_id !== null && r.alimtalk_approved_body === r.body,
    version: r.version,
    updatedAt: r.updated_at.toISOString(),
  };
}

export async function listTemplates(db: Db): Promise<TemplateView[]> {
  const rows = await db.selectFrom('notification_templates').selectAll().orderBy('key').execute();
  return rows.map(presentTemplate);
}

export interface TemplatePatch {
  name?: string;
  subject?: string;
  body?: string;
  category?: 'info' | 'ad';
  urgent?: boolean;
  /** The provider's id of the Kakao-approved template; the body as it is now is the approved one. null withdraws it. */
  alimtalkTemplateId?: string | null;
}

/**
 * PATCH /notification-templates/{key} (admins): a body may use only the template's fields; an
 * advertising template cannot be 알림톡 (Kakao allows informational messages only). A changed
 * body no longer matches the approved 알림톡 text, so 알림톡 stops until it is approved again.
 */
export async function updateTemplate(
  ctx: RequestContext,
  key: string,
  patch: TemplatePatch,
): Promise<TemplateView> {
  return ctx.db.transaction().execute(async (tx) => {
    const r = await tx
      .selectFrom('notification_templates')
      .selectAll()
      .where('key', '=', key)
      .forUpdate()
      .executeTakeFirst();
    if (!r) throw notFound('notification.templateNotFound');
    const problems: {
      field: string;
      key:
        | 'notification.unknownField'
        | 'notification.adNoAlimtalk'
        | 'notification.blank'
        | 'notification.tooLong';
      params?: Record<string, string>;
    }[] = [];
    for (const field of ['subject', 'body'] as const) {
      const text = patch[field];
      if (text === undefined) continue;
      if (text.trim() === '') problems.push({ field, key: 'notification.blank' });
      const unknown = templateFields(text).filter((f) => !r.variables.includes(f));
      if (unknown.length)
        problems.push({
          field,
          key: 'notification.unknownField',
          params: { fields: unknown.join(', '), allowed: r.variables.join(', ') },
        });
    }
    if (patch.name !== undefined && patch.name.trim() === '')
      problems.push({ field: 'name', key: 'notification.blank' });
    const limits = { name: 100, subject: 100, body: 1000, alimtalkTemplateId: 100 } as const;
    for (const [field, max] of Object.entries(limits) as [keyof typeof limits, number][]) {
      const v = patch[field];
      if (typeof v === 'string' && v.length > max)
        problems.push({ field, key: 'notification.tooLong', params: { max: String(max) } });
    }
    const category = patch.category ?? r.category;
    const alimtalkId =
      patch.alimtalkTemplateId === undefined ? r.alimtalk_template_id : patch.alimtalkTemplateId;
    if (category === 'ad' && alimtalkId)
      problems.push({
        field: patch.alimtalkTemplateId ? 'alimtalkTemplateId' : 'category',
        key: 'notification.adNoAlimtalk',
      });
    if (problems.length) throw invalid(problems);
    const body = patch.body ?? r.body;
    const approved =
      patch.alimtalkTemplateId === undefined
        ? r.alimtalk_approved_body
        : patch.alimtalkTemplateId
          ? body
          : null;
    const updated = await tx
      .updateTable('notification_templates')
      .set({
        name: patch.name?.trim() ?? r.name,
        subject: patch.subject ?? r.subject,
        body,
        category,
        urgent: patch.urgent ?? r.urgent,
        alimtalk_template_id: alimtalkId,
        alimtalk_approved_body: approved,
        version: r.version + 1,
        updated_by: ctx.actor.userId,
        updated_at: sql<Date>`now()`,
      })
      .where('key', '=', key)
      .returningAll()
      .executeTakeFirstOrThrow();
    return presentTemplate(updated);
  });
}
