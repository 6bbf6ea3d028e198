import path from 'node:path';
import { normalisePhone } from './domain/validate.ts';

/** Settings read once at start from the environment; frozen so nothing changes them later. */
export interface Config {
  readonly port: number;
  readonly host: string;
  readonly dataDir: string;
  readonly databaseUrl: string | null;
  /** A streaming replica that reports and exports read from (platform/db/replica.ts). */
  readonly replicaUrl: string | null;
  /** How long a report read waits for the replica to catch up before it reads the primary. */
  readonly replicaMaxLagMs: number;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  readonly admin: { login: string; password: string; totpSecret: string | null } | null;
  /** Key for application-level encryption of phone, e-mail and address (32 bytes). */
  readonly dataKey: Buffer | null;
  readonly sessionIdleMinutes: number;
  readonly sessionAbsoluteHours: number;
  readonly lockoutMinutes: number;
  /** Days an API token lives when its creator names no other lifetime (at most MAX_TOKEN_DAYS). */
  readonly tokenDays: number;
  /**
   * Behind a reverse proxy (ILTEO_TRUST_PROXY=true): the client address comes from
   * X-Forwarded-For and the scheme from X-Forwarded-Proto, so the session cookie is `Secure`
   * when the proxy received the request over TLS. Leave it off when clients reach ilteo directly,
   * or they could forge both headers.
   */
  readonly trustProxy: boolean;
  readonly publicUrl: string;
  /** Years a closed seeker's record is kept before the retention job destroys it. */
  readonly retentionYears: number;
  /** statement_timeout of the server's connections, seconds (0 = none). */
  readonly statementTimeoutSeconds: number;
  /** idle_in_transaction_session_timeout of the server's connections, seconds (0 = none). */
  readonly idleInTransactionSeconds: number;
  /** statement_timeout inside an import's transaction (SET LOCAL), seconds (0 = none). */
  readonly importStatementTimeoutSeconds: number;
  /** /readyz fails when a session has waited for a lock or sat idle in a transaction this long. */
  readonly readyStuckSeconds: number;
  /** /readyz fails when the pool gives no connection within this many milliseconds. */
  readonly readyPoolMs: number;
  /** Outbox messages this process sends at once (platform/outbox); 0 = no outbox worker here. */
  readonly outboxConcurrency: number;
  /** Where notifications go (features/notifications; API.md "Field operations"). */
  readonly notify: NotifyConfig;
  /**
   * Webhooks may go to private, loopback and link-local addresses (ILTEO_WEBHOOK_ALLOW_PRIVATE=1):
   * for tests and benches on one machine only. Off, such addresses are refused after DNS.
   */
  readonly webhookAllowPrivate: boolean;
  /** The scheduled 고용24 postings pull (features/postings/worknet.pull.ts); null = off. */
  readonly worknetPull: WorknetPullConfig | null;
  /** Who runs this installation, for the page footer's 기관 정보 (web/site-frame.tsx). */
  readonly site: SiteConfig;
}

/** The footer's 기관 정보: each null when not set (the footer then shows the service's own line). */
export interface SiteConfig {
  /** ILTEO_SITE_OPERATOR: the organisation that runs the service (운영 기관). */
  readonly operator: string | null;
  /** ILTEO_SITE_ADDRESS: its postal address. */
  readonly address: string | null;
  /** ILTEO_SITE_PHONE: its 대표전화, normalised with hyphens. */
  readonly phone: string | null;
}

/** One line of text of at most 200 characters, or null when unset. */
function line(env: Env, name: string): string | null {
  const raw = env[name]?.trim();
  if (!raw) return null;
  if (raw.length > 200 || /\p{Cc}/u.test(raw))
    throw new ConfigError(name, '200자 이하의 한 줄이어야 합니다 / one line of at most 200 characters');
  return raw;
}

function siteConfig(env: Env): SiteConfig {
  const rawPhone = line(env, 'ILTEO_SITE_PHONE');
  const phone = rawPhone === null ? null : normalisePhone(rawPhone);
  if (rawPhone !== null && phone === null)
    throw new ConfigError('ILTEO_SITE_PHONE', '전화번호가 아닙니다 / not a phone number');
  return { operator: line(env, 'ILTEO_SITE_OPERATOR'), address: line(env, 'ILTEO_SITE_ADDRESS'), phone };
}

export interface WorknetPullConfig {
  /** ILTEO_WORKNET_API_URL: the list API (고용24 Open API 채용정보 목록 by default). */
  readonly url: string;
  /** ILTEO_WORKNET_API_KEY: the 인증키; the pull is off without it. */
  readonly key: string;
  /** ILTEO_WORKNET_PULL_CRON: when it runs (Asia/Seoul; 06:00 daily by default). */
  readonly cron: string;
  /** ILTEO_WORKNET_PULL_PAGES: at most this many pages of 100 per run (100). */
  readonly maxPages: number;
}

const CRON = /^(\S+\s+){4}\S+$/;

function worknetPull(env: Env): WorknetPullConfig | null {
  const key = env.ILTEO_WORKNET_API_KEY?.trim();
  if (!key) return null;
  const url = env.ILTEO_WORKNET_API_URL || 'https://openapi.work.go.kr/opi/opi/opia/wantedApi.do';
  if (!/^https?:\/\/[^\s?#]+$/.test(url))
    throw new ConfigError(
      'ILTEO_WORKNET_API_URL',
      'http(s):// 주소(쿼리 없이)여야 합니다 / an http(s) URL without a query',
    );
  const cron = env.ILTEO_WORKNET_PULL_CRON?.trim() || '0 6 * * *';
  if (!CRON.test(cron))
    throw new ConfigError('ILTEO_WORKNET_PULL_CRON', 'cron 다섯 칸이어야 합니다 / five cron fields');
  return { url, key, cron, maxPages: int(env, 'ILTEO_WORKNET_PULL_PAGES', 100, 1, 1000) };
}

export type NotifyProviderName = 'log' | 'http' | 'solapi';

export interface NotifyConfig {
  /** ILTEO_NOTIFY_PROVIDER: log (default: nothing leaves the machine), http or solapi. */
  readonly provider: NotifyProviderName;
  /** ILTEO_NOTIFY_FALLBACK_PROVIDER: tried when the first provider fails (none by default). */
  readonly fallbackProvider: NotifyProviderName | null;
  /** ILTEO_NOTIFY_URL: the http provider's endpoint (one JSON POST per message). */
  readonly url: string | null;
  /** ILTEO_SMTP_URL: e-mail through nodemailer (smtp:// or smtps://). */
  readonly smtpUrl: string | null;
  /** ILTEO_NOTIFY_FROM_EMAIL: the From of e-mail. */
  readonly fromEmail: string;
  /** ILTEO_NOTIFY_SENDER: the registered sender number (발신번호 사전등록제), digits only. */
  readonly senderNumber: string | null;
  /** ILTEO_NOTIFY_OPT_OUT: the free opt-out of advertising messages (an 080 number or a link). */
  readonly optOut: string | null;
  /** ILTEO_SOLAPI_API_KEY / ILTEO_SOLAPI_API_SECRET / ILTEO_KAKAO_PFID (알림톡 channel). */
  readonly solapi: {
    readonly apiKey: string;
    readonly apiSecret: string;
    readonly pfId: string | null;
  } | null;
  /**
   * Quiet hours (KST), see features/notifications/quiet-hours.ts. ILTEO_NOTIFY_QUIET_FROM (20;
   * 24 = none) and ILTEO_NOTIFY_QUIET_UNTIL (8): the policy for every non-urgent message.
   * ILTEO_NOTIFY_AD_QUIET_FROM (21, at most 21) and ILTEO_NOTIFY_AD_QUIET_UNTIL (8, at least 8):
   * the law's 21:00–08:00 or wider, kept by advertising on top of the policy.
   */
  readonly quiet: { infoFrom: number; infoUntil: number; adFrom: number; adUntil: number };
  /**
   * ILTEO_NOTIFY_INBOUND_SECRET: the secret the provider sends (header
   * `x-ilteo-inbound-secret`) when it reports a reply or an 080 opt-out; unset = no inbound.
   */
  readonly inboundSecret: string | null;
}

const providers = ['log', 'http', 'solapi'] as const;

function providerName(
  env: Env,
  name: string,
  fallback: NotifyProviderName | null,
): NotifyProviderName | null {
  const raw = env[name];
  if (!raw) return fallback;
  if (!(providers as readonly string[]).includes(raw))
    throw new ConfigError(
      name,
      `${providers.join(', ')} 중 하나여야 합니다 / one of ${providers.join(', ')}`,
    );
  return raw as NotifyProviderName;
}

function notifyConfig(env: Env): NotifyConfig {
  const provider = providerName(env, 'ILTEO_NOTIFY_PROVIDER', 'log')!;
  const fallbackProvider = providerName(env, 'ILTEO_NOTIFY_FALLBACK_PROVIDER', null);
  const url = env.ILTEO_NOTIFY_URL || null;
  if (url && !/^https?:\/\//.test(url))
    throw new ConfigError('ILTEO_NOTIFY_URL', 'http(s):// 주소여야 합니다 / must be an http(s) URL');
  if ((provider === 'http' || fallbackProvider === 'http') && !url)
    throw new ConfigError('ILTEO_NOTIFY_URL', 'http 발송에는 주소가 필요합니다 / the http provider needs it');
  const smtpUrl = env.ILTEO_SMTP_URL || null;
  if (smtpUrl && !/^smtps?:\/\//.test(smtpUrl))
    throw new ConfigError('ILTEO_SMTP_URL', 'smtp:// 또는 smtps:// 주소여야 합니다 / must be smtp(s)://');
  const sender = env.ILTEO_NOTIFY_SENDER?.replace(/-/g, '') || null;
  if (sender && !/^\d{8,11}$/.test(sender))
    throw new ConfigError('ILTEO_NOTIFY_SENDER', '8–11자리 번호여야 합니다 / must be 8–11 digits');
  const wantsSolapi = provider === 'solapi' || fallbackProvider === 'solapi';
  if (wantsSolapi && (!env.ILTEO_SOLAPI_API_KEY || !env.ILTEO_SOLAPI_API_SECRET || !sender))
    throw new ConfigError(
      'ILTEO_SOLAPI_API_KEY',
      'solapi에는 API 키, 시크릿, 발신번호(ILTEO_NOTIFY_SENDER)가 필요합니다 / solapi needs key, secret and sender',
    );
  return {
    provider,
    fallbackProvider: fallbackProvider === provider ? null : fallbackProvider,
    url,
    smtpUrl,
    fromEmail: env.ILTEO_NOTIFY_FROM_EMAIL || 'no-reply@ilteo.local',
    senderNumber: sender,
    optOut: env.ILTEO_NOTIFY_OPT_OUT || null,
    solapi: wantsSolapi
      ? {
          apiKey: env.ILTEO_SOLAPI_API_KEY!,
          apiSecret: env.ILTEO_SOLAPI_API_SECRET!,
          pfId: env.ILTEO_KAKAO_PFID || null,
        }
      : null,
    quiet: {
      infoFrom: int(env, 'ILTEO_NOTIFY_QUIET_FROM', 20, 12, 24),
      infoUntil: int(env, 'ILTEO_NOTIFY_QUIET_UNTIL', 8, 0, 12),
      adFrom: int(env, 'ILTEO_NOTIFY_AD_QUIET_FROM', 21, 12, 21),
      adUntil: int(env, 'ILTEO_NOTIFY_AD_QUIET_UNTIL', 8, 8, 12),
    },
    inboundSecret: env.ILTEO_NOTIFY_INBOUND_SECRET || null,
  };
}

/** The longest lifetime an API token may be given (ILTEO_TOKEN_DAYS, `expiresInDays`). */
export const MAX_TOKEN_DAYS = 365;

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(`설정 오류 / configuration error: ${variable}: ${message}`);
  }
}

type Env = Record<string, string | undefined>;

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `정수가 아닙니다 / not an integer: "${raw}"`);
  const n = Number(raw);
  if (n < min || n > max)
    throw new ConfigError(name, `${min}–${max} 범위여야 합니다 / must be ${min}–${max}`);
  return n;
}

function url(env: Env, name: string): string | null {
  const raw = env[name];
  if (!raw) return null;
  if (!/^postgres(ql)?:\/\//.test(raw)) {
    throw new ConfigError(name, 'postgres:// 주소여야 합니다 / must be a postgres:// URL');
  }
  return raw;
}

const levels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

function dataKey(env: Env): Buffer | null {
  const raw = env.ILTEO_DATA_KEY;
  if (!raw) return null;
  const key = /^[0-9a-f]{64}$/i.test(raw) ? Buffer.from(raw, 'hex') : Buffer.from(raw, 'base64');
  if (key.length !== 32) {
    throw new ConfigError('ILTEO_DATA_KEY', '32바이트(hex 64자 또는 base64)여야 합니다 / must be 32 bytes');
  }
  return key;
}

function admin(env: Env): Config['admin'] {
  const login = env.ILTEO_ADMIN_LOGIN;
  const password = env.ILTEO_ADMIN_PASSWORD;
  if (!login && !password) return null;
  if (!login || !password) {
    throw new ConfigError(
      login ? 'ILTEO_ADMIN_PASSWORD' : 'ILTEO_ADMIN_LOGIN',
      '관리자 계정은 아이디와 비밀번호를 함께 지정해야 합니다 / set both login and password',
    );
  }
  const totp = totpSecretOf(env.ILTEO_ADMIN_TOTP_SECRET);
  if (totp === undefined) {
    throw new ConfigError('ILTEO_ADMIN_TOTP_SECRET', 'base32 형식이 아닙니다 / not base32');
  }
  return { login, password, totpSecret: totp };
}

/**
 * A TOTP secret as given (spaces, padding and case ignored): null when none is given, undefined
 * when it is not base32 of at least 80 bits.
 */
export function totpSecretOf(raw: string | undefined): string | null | undefined {
  const secret = raw?.replace(/\s|=/g, '').toUpperCase() || null;
  return secret && !/^[A-Z2-7]{16,}$/.test(secret) ? undefined : secret;
}

/** Parses and validates the environment; throws ConfigError naming the bad variable. */
export function loadConfig(env: Env = process.env): Config {
  const logLevel = (env.LOG_LEVEL ?? 'info') as Config['logLevel'];
  if (!levels.includes(logLevel)) throw new ConfigError('LOG_LEVEL', `one of ${levels.join(', ')}`);
  const port = int(env, 'PORT', 3000, 0, 65535);
  return Object.freeze({
    port,
    host: env.HOST || '127.0.0.1',
    dataDir: path.resolve(env.ILTEO_DATA_DIR ?? './data'),
    databaseUrl: url(env, 'DATABASE_URL'),
    replicaUrl: url(env, 'DATABASE_REPLICA_URL'),
    replicaMaxLagMs: int(env, 'DATABASE_REPLICA_MAX_LAG_MS', 2000, 0, 60_000),
    logLevel,
    admin: admin(env),
    dataKey: dataKey(env),
    sessionIdleMinutes: int(env, 'ILTEO_SESSION_IDLE_MINUTES', 30, 1, 24 * 60),
    sessionAbsoluteHours: int(env, 'ILTEO_SESSION_ABSOLUTE_HOURS', 12, 1, 24 * 7),
    lockoutMinutes: int(env, 'ILTEO_LOCKOUT_MINUTES', 15, 1, 24 * 60),
    tokenDays: int(env, 'ILTEO_TOKEN_DAYS', 90, 1, MAX_TOKEN_DAYS),
    trustProxy: env.ILTEO_TRUST_PROXY === 'true',
    publicUrl: env.ILTEO_PUBLIC_URL ?? `http://localhost:${port}`,
    retentionYears: int(env, 'ILTEO_RETENTION_YEARS', 3, 1, 50),
    statementTimeoutSeconds: int(env, 'ILTEO_STATEMENT_TIMEOUT_SECONDS', 60, 0, 24 * 3600),
    idleInTransactionSeconds: int(env, 'ILTEO_IDLE_IN_TRANSACTION_SECONDS', 60, 0, 24 * 3600),
    importStatementTimeoutSeconds: int(env, 'ILTEO_IMPORT_STATEMENT_TIMEOUT_SECONDS', 600, 0, 24 * 3600),
    readyStuckSeconds: int(env, 'ILTEO_READY_STUCK_SECONDS', 30, 1, 24 * 3600),
    readyPoolMs: int(env, 'ILTEO_READY_POOL_MS', 5000, 10, 60_000),
    outboxConcurrency: int(env, 'ILTEO_OUTBOX_CONCURRENCY', 16, 0, 256),
    notify: notifyConfig(env),
    webhookAllowPrivate: env.ILTEO_WEBHOOK_ALLOW_PRIVATE === '1',
    worknetPull: worknetPull(env),
    site: siteConfig(env),
  });
}
