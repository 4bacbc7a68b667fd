/**
 * Scales of the SVG charts: data value -> pixel, linear or log, with the "nice" round ticks a reader
 * expects (steps of 1, 2 or 5 times a power of ten; powers of ten on a log axis). Pure arithmetic,
 * so the same domain gives the same ticks on every machine.
 */

/** A scale: maps a data value to a pixel, and lists its tick values. */
export interface Scale {
  map(value: number): number;
  ticks: number[];
}

/** Removes float noise (0.30000000000000004 -> 0.3) from a tick value. */
function clean(v: number): number {
  return Number(v.toPrecision(12));
}

/** The step of 1, 2 or 5 x 10^k that cuts `span` into about `count` parts. */
export function niceStep(span: number, count: number): number {
  const raw = span / Math.max(1, count);
  if (!(raw > 0) || !Number.isFinite(raw)) return 1;
  const power = Math.pow(10, Math.floor(Math.log10(raw)));
  const f = raw / power;
  // The thresholds are the geometric means of 1, 2, 5 and 10 (as d3's ticks), so the count is met within a factor of about 1.6.
  return clean((f >= Math.sqrt(50) ? 10 : f >= Math.sqrt(10) ? 5 : f >= Math.sqrt(2) ? 2 : 1) * power);
}

/** The domain widened to whole steps of {@link niceStep} (0..1234 by about 6 ticks -> 0..1400). */
export function niceDomain(lo: number, hi: number, count: number): [number, number] {
  const step = niceStep(hi - lo, count);
  return [clean(Math.floor(lo / step) * step), clean(Math.ceil(hi / step) * step)];
}

/** The round values from lo to hi, about `count` of them. */
export function linearTicks(lo: number, hi: number, count: number): number[] {
  const step = niceStep(hi - lo, count);
  const ticks: number[] = [];
  // The small tolerance keeps a tick that sits on the end but lost a bit to rounding.
  for (let k = Math.ceil(lo / step - 1e-9); k * step <= hi + step * 1e-9; k++) ticks.push(clean(k * step));
  return ticks;
}

/**
 * Ticks of a log axis: the powers of ten in [lo, hi]; with fewer than three, also 2x and 5x each
 * power, so a domain inside one decade still has labels; with fewer than two, every whole multiple
 * (1x to 9x), and failing that the domain's ends rounded.
 */
export function logTicks(lo: number, hi: number): number[] {
  const inside = (v: number): boolean => v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9);
  const from = Math.floor(Math.log10(lo));
  const to = Math.ceil(Math.log10(hi));
  const powers: number[] = [];
  for (let k = from; k <= to; k++) powers.push(clean(Math.pow(10, k)));
  let ticks = powers.filter(inside);
  if (ticks.length < 3) ticks = powers.flatMap((p) => [p, clean(2 * p), clean(5 * p)]).filter(inside);
  // Inside a short stretch of one decade (600 to 900): every whole multiple of the power.
  if (ticks.length < 2) ticks = powers.flatMap((p) => [1, 2, 3, 4, 5, 6, 7, 8, 9].map((k) => clean(k * p))).filter(inside);
  // Shorter still (610 to 690): the ends, to two significant figures inside the domain.
  if (ticks.length < 2) {
    const ends = [Number(lo.toPrecision(2)), Number(hi.toPrecision(2))];
    ticks = [...new Set([...ticks, ...ends.filter(inside)])].sort((a, b) => a - b);
  }
  // Many decades: every other power keeps the labels apart.
  if (ticks.length > 8) ticks = ticks.filter((_, i) => i % 2 === 0);
  return ticks;
}

/** The domain of a log axis widened to whole powers of ten. */
export function logDomain(lo: number, hi: number): [number, number] {
  const a = Math.pow(10, Math.floor(Math.log10(lo)));
  const b = Math.pow(10, Math.ceil(Math.log10(hi)));
  return [clean(a), clean(b > a ? b : a * 10)];
}

/** A linear scale from `domain` to the pixel `range` (either may run backwards). */
export function linearScale(domain: readonly [number, number], range: readonly [number, number], tickCount: number): Scale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const k = d1 === d0 ? 0 : (r1 - r0) / (d1 - d0);
  return { map: (v) => r0 + (v - d0) * k, ticks: linearTicks(Math.min(d0, d1), Math.max(d0, d1), tickCount) };
}

/** A log10 scale; values at or below 0 are drawn at the low end. */
export function logScale(domain: readonly [number, number], range: readonly [number, number]): Scale {
  const l0 = Math.log10(domain[0]);
  const l1 = Math.log10(domain[1]);
  const [r0, r1] = range;
  const k = l1 === l0 ? 0 : (r1 - r0) / (l1 - l0);
  return {
    map: (v) => r0 + (Math.log10(Math.max(v, domain[0])) - l0) * k,
    ticks: logTicks(domain[0], domain[1]),
  };
}
