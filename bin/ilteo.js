#!/usr/bin/env node
// Entry point of the `ilteo` command. Checks the Node version before loading any TypeScript,
// so that an old Node stops with a message instead of a syntax error deep in a dependency.
const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
  process.stderr.write(
    `ilteo에는 Node.js 22 이상(권장 24 LTS)이 필요합니다. 현재 ${process.version}.\n` +
      `ilteo needs Node.js >= 22 (24 LTS recommended); this is ${process.version}.\n` +
      'Install: npm install -g --prefix /opt/node24 node@24 && export PATH=/opt/node24/bin:$PATH\n',
  );
  process.exit(1);
}
const { register } = await import('tsx/esm/api');
register();
const { main } = await import('../src/cli.ts');
await main(process.argv.slice(2));
