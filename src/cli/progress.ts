/**
 * Progress on stderr for long runs: only on a terminal, only after the run has taken about two
 * seconds, redrawn in place at most a few times per second, and erased at the end, so that
 * nothing of it reaches files or pipes. The CLI is the only layer that reads the wall clock.
 */
const SHOW_AFTER_MS = 2_000;
const REDRAW_EVERY_MS = 200;

export class Progress {
  private readonly startedAt = Date.now(); // wall-clock ok: progress display only
  private lastDraw = 0;
  private shown = false;

  constructor(
    private readonly enabled: boolean,
    private readonly write: (text: string) => void,
  ) {}

  /** Report `fraction` (0..1) of simulated time done and the events handled so far. */
  update(fraction: number, events: number): void {
    if (!this.enabled) return;
    const now = Date.now(); // wall-clock ok
    if (now - this.startedAt < SHOW_AFTER_MS || now - this.lastDraw < REDRAW_EVERY_MS) return;
    this.lastDraw = now;
    this.shown = true;
    const width = 30;
    const filled = Math.round(fraction * width);
    const bar = '#'.repeat(filled) + '-'.repeat(width - filled);
    const rate = events / ((now - this.startedAt) / 1000);
    this.write(`\r[${bar}] ${(fraction * 100).toFixed(0).padStart(3)}%  ${formatCount(events)} events  ${formatCount(rate)}/s `);
  }

  /** Erase the bar. */
  done(): void {
    if (this.shown) this.write('\r\x1b[2K');
  }
}

function formatCount(n: number): string {
  if (n >= 1e9) return `${(n / 1e9).toFixed(1)}G`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)}M`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)}k`;
  return n.toFixed(0);
}
