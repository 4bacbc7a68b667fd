#!/usr/bin/env node
// The `sim` command. The TypeScript sources are compiled to dist/ by `npm install` (the `prepare` script).
import { main } from '../dist/cli/main.js';

// A reader that stops early (`sim schema | head -1`) closes the pipe: that is normal use, not an
// error. Later writes to it are dropped and the command ends with its own exit code, without the
// stack trace Node prints for an unhandled 'error' event.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err) => {
    if (err.code === 'EPIPE' || err.code === 'ERR_STREAM_DESTROYED') return;
    throw err;
  });
}

process.exitCode = await main(process.argv.slice(2));
