/**
 * Progress on stderr for long runs: only on a terminal, only after the run has taken about two
 * seconds, redrawn in place at most five times a second, and erased at the end, so that nothing
 * of it reaches files or pipes. The CLI is the only layer that reads the wall clock; the clock is
 * injectable so tests can drive it.
 */

/** Runs shorter than this (wall clock) never show a bar. */
export const SHOW_AFTER_MS = 2_000;
/** Minimum time between two redraws. */
export const REDRAW_EVERY_MS = 200;
const BAR_WIDTH = 30;

export interface ProgressOptions {
  /** Draw at all (stderr is a terminal). */
  enabled: boolean;
  write: (text: string) => void;
  /** Wall clock in ms; default Date.now. */
  now?: () => number;
  /** Simulated duration (us), to show "12m of 1h"; omitted: percentage only. */
  simulatedUs?: number;
}

export class Progress {
  private readonly enabled: boolean;
  private readonly write: (text: string) => void;
  private readonly now: () => number;
  private readonly simulatedUs: number | undefined;
  private readonly startedAt: number;
  private lastDraw = -Infinity;
  private shown = false;

  constructor(options: ProgressOptions) {
    this.enabled = options.enabled;
    this.write = options.write;
    this.now = options.now ?? (() => Date.now()); // wall-clock ok: progress display only
    this.simulatedUs = options.simulatedUs;
    this.startedAt = this.now();
  }

  /** Whether a bar has been drawn (and will be erased by `done`). */
  get visible(): boolean {
    return this.shown;
  }

  /** Report `fraction` (0..1) of simulated time done and the events handled so far. */
  update(fraction: number, events: number): void {
    if (!this.enabled) return;
    const now = this.now();
    const elapsed = now - this.startedAt;
    if (elapsed < SHOW_AFTER_MS || now - this.lastDraw < REDRAW_EVERY_MS) return;
    this.lastDraw = now;
    this.shown = true;
    const f = Math.min(1, Math.max(0, fraction));
    const filled = Math.round(f * BAR_WIDTH);
    const bar = '#'.repeat(filled) + '-'.repeat(BAR_WIDTH - filled);
    const rate = events / (elapsed / 1000);
    const left = f > 0.01 ? `  ${formatSeconds((elapsed * (1 - f)) / f / 1000)} left` : '';
    const sim = this.simulatedUs === undefined ? '' : `  ${formatSimulated(f * this.simulatedUs)} of ${formatSimulated(this.simulatedUs)}`;
    // \r and erase-line: redraw in place without leaving a longer previous line's tail.
    this.write(`\r\x1b[2K[${bar}] ${(f * 100).toFixed(0).padStart(3)}%${sim}  ${formatCount(rate)} events/s${left}`);
  }

  /** Erase the bar (only if one was drawn). */
  done(): void {
    if (this.shown) this.write('\r\x1b[2K');
    this.shown = false;
  }
}

/** 1234 -> "1.2k", 2.5e6 -> "2.5M". */
export function formatCount(n: number): string {
  if (n >= 1e9) return `${(n / 1e9).toFixed(1)}G`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)}M`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)}k`;
  return n.toFixed(0);
}

/** Wall-clock seconds: "42s", "3m05s". */
function formatSeconds(s: number): string {
  const whole = Math.ceil(s);
  if (whole < 60) return `${whole}s`;
  return `${Math.floor(whole / 60)}m${String(whole % 60).padStart(2, '0')}s`;
}

/** Simulated time: "45s", "12m", "1h30m", "2d". */
function formatSimulated(us: number): string {
  const s = Math.floor(us / 1e6);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m`;
  if (s < 86400) {
    const m = Math.floor((s % 3600) / 60);
    return `${Math.floor(s / 3600)}h${m === 0 ? '' : `${String(m).padStart(2, '0')}m`}`;
  }
  return `${(s / 86400).toFixed(1)}d`;
}
