/**
 * Plain-text tables with aligned columns, and the few ANSI styles the terminal summary uses.
 * Widths are measured on the uncoloured text, and colour is applied after padding, so a
 * coloured table lines up exactly like the plain one.
 */

/** Column alignment: text left, numbers right. */
export type Align = 'left' | 'right';

/** ANSI styles used by the summary. */
export type Style = 'bold' | 'green' | 'red' | 'yellow';

const ANSI: Record<Style, string> = { bold: '1', green: '32', red: '31', yellow: '33' };

/** Wraps `text` in an ANSI style when `color` is true; returns it unchanged otherwise. */
export function paint(text: string, style: Style, color: boolean): string {
  return color ? `\u001b[${ANSI[style]}m${text}\u001b[0m` : text;
}

/**
 * Pads every cell to its column's widest cell and joins cells with two spaces. Trailing spaces
 * are trimmed so the file version has no invisible noise.
 * @returns one string per row, without newlines
 */
export function alignColumns(rows: readonly (readonly string[])[], align: readonly Align[]): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) =>
    row
      .map((cell, i) => (align[i] === 'right' ? cell.padStart(widths[i]) : cell.padEnd(widths[i])))
      .join('  ')
      .trimEnd(),
  );
}

/**
 * Groups the digits of a number's whole part by thousands with commas: 1234567 -> "1,234,567",
 * "1234.50" -> "1,234.50" (a string keeps the decimals as written, trailing zeros included).
 */
export function groupThousands(n: number | string): string {
  const [whole, decimals] = String(n).split('.');
  const sign = whole.startsWith('-') ? '-' : '';
  const digits = whole.replace('-', '').replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return sign + digits + (decimals === undefined ? '' : '.' + decimals);
}

/**
 * A duration in ms for people: "2h", "1h 30m", "1m 30.5s", "250ms". Exact (no rounding beyond
 * the ms's own 3 decimals), so two runs always print the same text.
 */
export function humanDuration(totalMs: number): string {
  if (totalMs < 1000) return `${totalMs}ms`;
  const h = Math.floor(totalMs / 3_600_000);
  const m = Math.floor((totalMs % 3_600_000) / 60_000);
  // Seconds keep up to 3 decimals: round away float noise from the remainder.
  const s = Math.round((totalMs % 60_000) * 1000) / 1_000_000;
  const parts: string[] = [];
  if (h > 0) parts.push(`${h}h`);
  if (m > 0) parts.push(`${m}m`);
  if (s > 0) parts.push(`${s}s`);
  return parts.join(' ');
}

