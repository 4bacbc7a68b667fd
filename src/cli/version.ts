/** The simulator's name and version: the run layer owns them (reports carry them). */
export { simulatorInfo } from '../run/version.js';
