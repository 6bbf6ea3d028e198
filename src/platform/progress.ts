/**
 * A progress bar for long command-line work, written to stderr so stdout stays machine-readable.
 * On a non-TTY (CI, logs) it prints a line every 10 %.
 */
export function progress(label: string, total: number | null) {
  const tty = process.stderr.isTTY;
  const start = Date.now();
  let lastPct = -1;
  let lastDraw = 0;
  const draw = (done: number, final = false) => {
    const secs = (Date.now() - start) / 1000;
    const rate = secs > 0 ? Math.round(done / secs) : 0;
    if (total && total > 0) {
      const pct = Math.min(100, Math.floor((done / total) * 100));
      if (!tty && !final && Math.floor(pct / 10) === Math.floor(lastPct / 10)) return;
      lastPct = pct;
      const bar = '█'.repeat(Math.floor(pct / 5)).padEnd(20, '░');
      const line = `${label} ${bar} ${pct}% ${done.toLocaleString('ko-KR')}/${total.toLocaleString('ko-KR')} (${rate.toLocaleString('ko-KR')}/s)`;
      process.stderr.write(tty ? `\r${line}` : `${line}\n`);
    } else {
      const now = Date.now();
      if (!final && now - lastDraw < (tty ? 200 : 5000)) return;
      lastDraw = now;
      const line = `${label} ${done.toLocaleString('ko-KR')} (${rate.toLocaleString('ko-KR')}/s)`;
      process.stderr.write(tty ? `\r${line}` : `${line}\n`);
    }
  };
  return {
    tick(done: number) {
      draw(done);
    },
    done(done: number) {
      draw(done, true);
      if (tty) process.stderr.write('\n');
    },
  };
}
