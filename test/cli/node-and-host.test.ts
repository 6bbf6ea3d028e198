import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  bin,
  exited,
  freePort,
  postmasterPid,
  running,
  serveEnv,
  startServe,
  until,
  waitReady,
} from './support.ts';

// Issue 13: "two commands on a machine whose Node is 20" — bin/ilteo.js started by an old Node
// runs itself again with the Node 24 the project installs (node_modules/node). And the bind
// address: HOST, 127.0.0.1 unless set (API.md).

/** A Node older than 22 outside node_modules: /usr/bin/node or one on PATH. */
function findOldNode(): string | null {
  const dirs = ['/usr/bin', '/usr/local/bin', ...(process.env.PATH ?? '').split(path.delimiter)];
  for (const dir of dirs) {
    const candidate = path.join(dir, 'node');
    if (!dir || dir.includes('node_modules') || !fs.existsSync(candidate)) continue;
    try {
      const version = execFileSync(candidate, ['--version']).toString().trim();
      if (Number(version.replace(/^v/, '').split('.')[0]) < 22) return candidate;
    } catch {
      // not runnable
    }
  }
  return null;
}

const oldNode = findOldNode();
const oldVersion = oldNode ? execFileSync(oldNode, ['--version']).toString().trim() : '';
const embedded = !process.env.ILTEO_TEST_DATABASE_URL;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ilteo-node-'));

afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe('bin/ilteo.js on an old Node, and the bind address', () => {
  it.skipIf(!oldNode)(
    oldNode
      ? `${oldNode} (${oldVersion}) bin/ilteo.js --help and --version run on the bundled Node 24`
      : 'skipped: no Node < 22 at /usr/bin/node, /usr/local/bin/node or on PATH outside node_modules',
    () => {
      const help = spawnSync(oldNode!, [bin, '--help'], { encoding: 'utf8' });
      expect(help.status, help.stderr).toBe(0);
      expect(help.stdout).toMatch(/usage: ilteo <command>/);
      const version = spawnSync(oldNode!, [bin, '--version'], { encoding: 'utf8' });
      expect(version.status, version.stderr).toBe(0);
      expect(version.stdout).toMatch(/^ilteo \d+\.\d+\.\d+ \(Node v24\./);
    },
    300_000,
  );

  it.skipIf(!embedded)(
    `serve listens on 127.0.0.1 when HOST is not set${oldNode ? `; started with ${oldVersion}, it runs on Node 24` : ''}`,
    async () => {
      const port = await freePort();
      const env: NodeJS.ProcessEnv = serveEnv(dataDir, port, { LOG_LEVEL: 'info' });
      delete env.HOST;
      const { child, output } = startServe(env, oldNode ?? process.execPath);
      try {
        await waitReady(port, child);
        // The start line comes once the job queue runs too, a moment after /readyz answers.
        const startLine = () =>
          output.out
            .split('\n')
            .filter((l) => l.startsWith('{'))
            .map((l) => JSON.parse(l) as { msg: string; host?: string; node?: string })
            .find((l) => l.msg.includes('ilteo listening'));
        await until(() => startLine() !== undefined, 120_000);
        const started = startLine();
        expect(started?.host).toBe('127.0.0.1');
        expect(started?.node).toMatch(oldNode ? /^v24\./ : /^v\d+\./);
        // Not reachable on the machine's other addresses.
        const outside = Object.values(os.networkInterfaces())
          .flat()
          .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;
        if (outside) {
          const refused = await new Promise<boolean>((resolve) => {
            const s = net.connect({ host: outside, port }, () => {
              s.destroy();
              resolve(false);
            });
            s.once('error', () => resolve(true));
          });
          expect(refused, `nothing answers on ${outside}:${port}`).toBe(true);
        }
      } finally {
        // SIGTERM to the old Node reaches the Node 24 server it started, which stops PostgreSQL.
        child.kill('SIGTERM');
      }
      expect(await exited(child)).toBe(0);
      const pid = postmasterPid(dataDir);
      expect(pid === null || !running(pid)).toBe(true);
      expect(fs.existsSync(path.join(dataDir, 'ilteo.lock'))).toBe(false);
    },
    600_000,
  );
});
