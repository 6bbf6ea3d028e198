/**
 * The load generator of bench/load.ts, in its own process so that autocannon's event loop does
 * not share a thread with the server it measures (it still shares the machine's cores).
 *
 * Started with `fork`; Node runs it with its built-in type stripping (no tsx), so this file uses
 * only erasable TypeScript. Each message is one job; the answer is a summary of autocannon's
 * result. Loopback only: the parent passes the server's 127.0.0.1 address.
 */
import { createRequire } from 'node:module';

/** What the parent asks for. */
export interface LoadJob {
  id: number;
  /** base URL, http://127.0.0.1:PORT */
  url: string;
  /** request paths, rotated across requests (one shared counter over all connections) */
  paths: string[];
  headers: Record<string, string>;
  connections: number;
  seconds: number;
  /** seconds of load before the measured run (not counted) */
  warmupSeconds: number;
  /** a request without an answer after this long counts as an error (timeout) */
  timeoutSeconds: number;
}

/** What the child answers. */
export interface LoadResult {
  id: number;
  requests: number;
  rps: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodes: Record<string, number>;
  bytesPerSec: number;
}

interface Histogram {
  p50: number;
  p90: number;
  p99: number;
  max: number;
  average: number;
}
interface AutocannonResult {
  requests: Histogram & { total: number };
  latency: Histogram;
  throughput: Histogram;
  errors: number;
  timeouts: number;
  non2xx: number;
  statusCodeStats: Record<string, { count: number }>;
}
interface RequestParams {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
}
type Autocannon = (opts: {
  url: string;
  connections: number;
  duration?: number;
  pipelining: number;
  timeout: number;
  headers: Record<string, string>;
  requests: { setupRequest: (req: RequestParams) => RequestParams }[];
}) => Promise<AutocannonResult>;

// autocannon has no bundled types; its result is described above.
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

async function fire(job: LoadJob, measure: { duration: number }) {
  let i = 0;
  return autocannon({
    url: job.url,
    connections: job.connections,
    ...measure,
    pipelining: 1,
    timeout: job.timeoutSeconds,
    headers: job.headers,
    requests: [
      {
        setupRequest: (req) => ({ ...req, method: 'GET', path: job.paths[i++ % job.paths.length] }),
      },
    ],
  });
}

const round = (n: number) => Math.round(n * 100) / 100;

process.on('message', (msg: LoadJob | 'exit') => {
  if (msg === 'exit') {
    process.disconnect?.();
    return;
  }
  void (async () => {
    if (msg.warmupSeconds > 0) await fire(msg, { duration: msg.warmupSeconds });
    const r = await fire(msg, { duration: msg.seconds });
    const statusCodes: Record<string, number> = {};
    for (const [code, s] of Object.entries(r.statusCodeStats ?? {})) statusCodes[code] = s.count;
    const out: LoadResult = {
      id: msg.id,
      requests: r.requests.total,
      rps: round(r.requests.average),
      p50Ms: round(r.latency.p50),
      p90Ms: round(r.latency.p90),
      p99Ms: round(r.latency.p99),
      maxMs: round(r.latency.max),
      errors: r.errors,
      timeouts: r.timeouts,
      non2xx: r.non2xx,
      statusCodes,
      bytesPerSec: Math.round(r.throughput.average),
    };
    process.send?.(out);
  })().catch((err: unknown) => {
    process.stderr.write(`[load client] ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  });
});
