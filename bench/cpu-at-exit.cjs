// Preloaded (node --require) into a `sim` process the bench starts: at exit, writes the process's
// CPU seconds and peak RSS to the file named by BENCH_CPU_FILE, which the parent cannot see itself.
const { writeFileSync } = require('node:fs');
process.on('exit', () => {
  const u = process.cpuUsage();
  writeFileSync(process.env.BENCH_CPU_FILE, JSON.stringify({ cpu: (u.user + u.system) / 1e6, peakRss: process.resourceUsage().maxRSS * 1024 }));
});
