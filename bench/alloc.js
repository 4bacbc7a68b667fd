// Short-lived allocation per invocation of the busy case (issue #19: "no per-invocation allocation").
//
// V8 has no counter of bytes allocated that a script can read, but `--trace-gc-nvp` prints, for every
// GC, the bytes allocated since the one before (`allocated=`). This script runs the busy case in
// child processes for three simulated durations, sums those figures (a final forced GC counts the
// tail) and divides differences by differences in invocations: set-up (parsing, building the model,
// JIT code) cancels out and what is left is what each further invocation allocates.
//
// Two figures, because they differ: up to 15 simulated minutes, and after. Past 2^30 us (17.9 min)
// times no longer fit V8's small integers (31 bits with pointer compression), so every time passed
// to a call that is not inlined, or stored in a field that holds any value, becomes a heap number.
// The figures move by 16 B (one heap number) from run to run with V8's inlining decisions, which
// depend on when background compilation finishes: run it a few times.
//
//   npm run build && node bench/alloc.js [formats, e.g. timeseries]
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const [mode, ...rest] = process.argv.slice(2);

if (mode === 'child') {
  // In the child: one simulation phase of the busy case, then a full GC so its `allocated=` line
  // counts what was allocated after the last scavenge.
  const [duration, formats = ''] = rest;
  const { simulationPhase } = await import('./case.js');
  const { busyYaml } = await import('./cases.js');
  const measured = simulationPhase(busyYaml({ duration }), formats === '' ? [] : formats.split(','));
  globalThis.gc();
  console.log(`INVOCATIONS ${measured.invocations}`);
} else {
  const formats = mode ?? '';
  const measure = (duration) => {
    const out = execFileSync(process.execPath, ['--expose-gc', '--trace-gc-nvp', fileURLToPath(import.meta.url), 'child', duration, formats], {
      encoding: 'utf8',
      maxBuffer: 1 << 28,
    });
    let bytes = 0;
    for (const m of out.matchAll(/ allocated=(\d+)/g)) bytes += Number(m[1]);
    return { bytes, invocations: Number(/INVOCATIONS (\d+)/.exec(out)[1]) };
  };
  const [a, b, c] = ['5m', '15m', '2h'].map(measure);
  const perInvocation = (from, to) => ((to.bytes - from.bytes) / (to.invocations - from.invocations)).toFixed(1);
  console.log(
    `busy${formats ? ` (${formats})` : ''}: ${perInvocation(a, b)} B allocated per invocation from 5 to 15 simulated minutes, ` +
      `${perInvocation(b, c)} B from 15 min to 2 h (${(c.bytes / 1e6).toFixed(0)} MB over ${c.invocations} invocations)`,
  );
}
