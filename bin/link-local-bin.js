#!/usr/bin/env node
// Run by `npm install` (the `prepare` script) in a clone of this repository.
// npm links the `bin` of dependencies into node_modules/.bin, but never the root package's own bin,
// so `npx sim` would not find this checkout's command (and npx would then look for a registry
// package called "sim"). This links node_modules/.bin/sim to bin/sim.js so that
// `npm install && npx sim run scenarios/quickstart.yaml` works in a fresh clone.
import { existsSync, lstatSync, mkdirSync, symlinkSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const binDir = path.join(root, 'node_modules', '.bin');
const link = path.join(binDir, 'sim');

if (existsSync(path.join(root, 'node_modules'))) {
  mkdirSync(binDir, { recursive: true });
  try {
    if (lstatSync(link)) unlinkSync(link);
  } catch {
    // no previous link
  }
  symlinkSync(path.join('..', '..', 'bin', 'sim.js'), link);
}
