/** Runs before each test file (vitest setupFiles): its temporary folders are removed when it ends. */
import { afterAll } from 'vitest';
import { removeTempDirs } from './helpers/temp.js';

afterAll(removeTempDirs);
