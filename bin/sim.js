#!/usr/bin/env node
// The `sim` command. The TypeScript sources are compiled to dist/ by `npm install` (the `prepare` script).
import { main } from '../dist/cli/main.js';

// A reader that stops early (`sim schema | head -1`) closes the pipe: that is normal use, not an
// error. Later writes to it are dropped and the command ends with its own exit code, without the
// stack trace Node prints for an unhandled 'error' event. Any other failure to write the output
// (`>/dev/full`: ENOSPC, EIO) is said in one line on stderr and ends with exit 2: the output is
// lost, which CI must not read as success, nor as a broken expectation (1) or a bug (3).
let outputLost = false;
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err) => {
    if (err.code === 'EPIPE' || err.code === 'ERR_STREAM_DESTROYED') return;
    if (!outputLost) {
      outputLost = true;
      const name = stream === process.stdout ? 'standard output' : 'standard error';
      if (stream !== process.stderr) process.stderr.write(`sim: cannot write to ${name}: ${err.code ?? err.message}\n`);
    }
    process.exitCode = 2;
  });
}

const code = await main(process.argv.slice(2));
process.exitCode = outputLost ? 2 : code;
