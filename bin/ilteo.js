#!/usr/bin/env node
// Entry point of the `ilteo` command. Checks the Node version before loading any TypeScript,
// so that an old Node stops with a message instead of a syntax error deep in a dependency.
const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
  // The project brings Node 24 (the `node` package of the npm registry). npm scripts and npx
  // already put it first on PATH; a direct `bin/ilteo.js` on an older Node runs itself again
  // with it, passing signals on so that SIGTERM still stops the server cleanly.
  const { existsSync } = await import('node:fs');
  const { fileURLToPath } = await import('node:url');
  const bundled = fileURLToPath(new URL('../node_modules/node/bin/node', import.meta.url));
  if (!existsSync(bundled)) {
    process.stderr.write(
      `ilteo에는 Node.js 22 이상(권장 24 LTS)이 필요합니다. 현재 ${process.version}. 먼저 npm ci를 실행하세요.\n` +
        `ilteo needs Node.js >= 22 (24 LTS); this is ${process.version}. Run npm ci first: it installs Node 24.\n`,
    );
    process.exit(1);
  }
  const { spawn } = await import('node:child_process');
  const child = spawn(bundled, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
    stdio: 'inherit',
  });
  for (const sig of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.on(sig, () => child.kill(sig));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 128 : 1)));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  const { main } = await import('../src/cli.ts');
  await main(process.argv.slice(2));
}
