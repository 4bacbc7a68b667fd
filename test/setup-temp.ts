/** Runs before each test file (vitest setupFiles): its temporary folders are removed when it ends. */
import { afterAll } from 'vitest';
import { removeTempDirs } from './helpers/temp.js';

// A minute, not vitest's 10 s hook default: the fuzz test leaves ~400 folders (each with a copy of
// the examples' traces), and removing them took 9 s on a loaded 2-core machine.
afterAll(removeTempDirs, 60_000);
