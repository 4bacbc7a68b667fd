/**
 * EventBridge cron expressions: `cron(Minutes Hours Day-of-month Month Day-of-week Year)`, in UTC.
 *
 * The dialect is Amazon EventBridge's (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-cron-expressions.html):
 * six fields; minutes 0-59, hours 0-23, day-of-month 1-31, month 1-12 or JAN-DEC, day-of-week 1-7
 * or SUN-SAT (1 = Sunday), year 1970-2199. Wildcards `, - * /` everywhere; `?` (any) in
 * day-of-month or day-of-week, and exactly one of the two must be `?`; `L` (last day of the month;
 * in day-of-week the last day of the week, Saturday, or `5L` the last Thursday of the month), `W`
 * (`15W` the weekday nearest the 15th, within the month; `LW` the last weekday) and `#` (`3#2` the
 * second Tuesday) as the only element of their field. `a/n` steps from a to the field's maximum.
 * Not accepted (AWS does not document them): ranges that wrap around (`FRI-MON`), `L-3` offsets.
 */
import { ScheduleExpressionError } from './schedule-error.js';

const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

/** One numeric field: its name, range and (for month and day-of-week) the names of its values. */
interface FieldDef {
  name: string;
  min: number;
  max: number;
  names?: readonly string[];
}

const FIELDS = {
  minutes: { name: 'minutes', min: 0, max: 59 },
  hours: { name: 'hours', min: 0, max: 23 },
  dayOfMonth: { name: 'day-of-month', min: 1, max: 31 },
  month: { name: 'month', min: 1, max: 12, names: MONTHS },
  dayOfWeek: { name: 'day-of-week', min: 1, max: 7, names: DAYS },
  year: { name: 'year', min: 1970, max: 2199 },
} as const satisfies Record<string, FieldDef>;

/** How day-of-month selects days. */
type DomRule =
  | { kind: 'any' }
  | { kind: 'set'; days: Uint8Array }
  | { kind: 'last' }
  | { kind: 'last-weekday' }
  | { kind: 'nearest-weekday'; day: number };

/** How day-of-week selects days (weekday 1 = Sunday .. 7 = Saturday). */
type DowRule =
  | { kind: 'any' }
  | { kind: 'set'; days: Uint8Array }
  | { kind: 'last-of-month'; weekday: number }
  | { kind: 'nth'; weekday: number; nth: number };

/** A parsed cron expression that finds its next firing time. */
export class CronSchedule {
  /** Minutes of the day (hour * 60 + minute) that fire, ascending. */
  private readonly minutesOfDay: number[];

  constructor(
    private readonly months: Uint8Array,
    private readonly years: Uint8Array,
    hours: Uint8Array,
    minutes: Uint8Array,
    private readonly dom: DomRule,
    private readonly dow: DowRule,
  ) {
    this.minutesOfDay = [];
    for (let h = 0; h < 24; h++) if (hours[h]) for (let m = 0; m < 60; m++) if (minutes[m]) this.minutesOfDay.push(h * 60 + m);
  }

  /**
   * The first firing time at or after `fromMs` and at most `limitMs` (both ms since the Unix epoch,
   * UTC), or Infinity when there is none in that span.
   */
  nextAtOrAfter(fromMs: number, limitMs: number): number {
    let dayStart = Math.floor(fromMs / MS_PER_DAY) * MS_PER_DAY;
    let minuteOfDay = Math.ceil((fromMs - dayStart) / MS_PER_MINUTE);
    while (dayStart <= limitMs) {
      const date = new Date(dayStart); // wall-clock ok: calendar arithmetic on simulated time
      const year = date.getUTCFullYear();
      const month = date.getUTCMonth() + 1;
      if (year > FIELDS.year.max) return Infinity;
      if (!this.years[year]) {
        dayStart = Date.UTC(year + 1, 0, 1);
        minuteOfDay = 0;
        continue;
      }
      if (!this.months[month]) {
        dayStart = Date.UTC(year, month, 1); // month is 1-based, so this is the 1st of the next month
        minuteOfDay = 0;
        continue;
      }
      if (this.dayMatches(year, month, date.getUTCDate(), date.getUTCDay() + 1)) {
        for (const m of this.minutesOfDay) {
          if (m >= minuteOfDay) {
            const at = dayStart + m * MS_PER_MINUTE;
            return at <= limitMs ? at : Infinity;
          }
        }
      }
      dayStart += MS_PER_DAY;
      minuteOfDay = 0;
    }
    return Infinity;
  }

  /** Whether a calendar day fires (weekday 1 = Sunday). */
  private dayMatches(year: number, month: number, day: number, weekday: number): boolean {
    const last = daysInMonth(year, month);
    const dom = this.dom;
    switch (dom.kind) {
      case 'any':
        break;
      case 'set':
        if (!dom.days[day]) return false;
        break;
      case 'last':
        if (day !== last) return false;
        break;
      case 'last-weekday':
        if (day !== nearestWeekday(year, month, last)) return false;
        break;
      case 'nearest-weekday':
        if (dom.day > last || day !== nearestWeekday(year, month, dom.day)) return false;
        break;
    }
    const dow = this.dow;
    switch (dow.kind) {
      case 'any':
        return true;
      case 'set':
        return dow.days[weekday] === 1;
      case 'last-of-month':
        return weekday === dow.weekday && day + 7 > last;
      case 'nth':
        return weekday === dow.weekday && Math.ceil(day / 7) === dow.nth;
    }
  }
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate(); // wall-clock ok: calendar arithmetic on simulated time
}

/** The weekday (Mon-Fri) nearest to `day` without leaving the month (the `W` rule). */
function nearestWeekday(year: number, month: number, day: number): number {
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay(); // 0 = Sunday // wall-clock ok: calendar arithmetic on simulated time
  const last = daysInMonth(year, month);
  if (weekday === 6) return day === 1 ? 3 : day - 1; // Saturday: Friday before, or Monday the 3rd
  if (weekday === 0) return day === last ? day - 2 : day + 1; // Sunday: Monday after, or Friday before
  return day;
}

/** A value of a field: a number or (month, day-of-week) a three-letter name. */
function parseValue(text: string, field: FieldDef): number {
  const upper = text.toUpperCase();
  const named = field.names?.indexOf(upper) ?? -1;
  const value = named >= 0 ? named + 1 : /^\d+$/.test(text) ? Number(text) : NaN;
  if (!(value >= field.min && value <= field.max)) {
    const names = field.names ? ` or ${field.names[0]}-${field.names[field.names.length - 1]}` : '';
    throw new ScheduleExpressionError(`${field.name}: expected ${field.min}-${field.max}${names}, found "${text}"`);
  }
  return value;
}

/** A list field (`*`, `a`, `a-b`, `*\/n`, `a/n`, `a-b/n`, joined by commas) as a membership table. */
function parseList(text: string, field: FieldDef): Uint8Array {
  const set = new Uint8Array(field.max + 1);
  for (const element of text.split(',')) {
    const match = /^([^/]+)(?:\/(\d+))?$/.exec(element);
    if (!match) throw new ScheduleExpressionError(`${field.name}: expected a value, range or step, found "${element}"`);
    const [, range, stepText] = match;
    const step = stepText === undefined ? 1 : Number(stepText);
    if (step < 1) throw new ScheduleExpressionError(`${field.name}: expected a step of at least 1, found "${element}"`);
    let from: number;
    let to: number;
    if (range === '*') {
      from = field.min;
      to = field.max;
    } else if (range.includes('-')) {
      const [a, b, ...rest] = range.split('-');
      if (rest.length > 0) throw new ScheduleExpressionError(`${field.name}: expected a range a-b, found "${range}"`);
      from = parseValue(a, field);
      to = parseValue(b, field);
      if (from > to) throw new ScheduleExpressionError(`${field.name}: a range must not wrap around, found "${range}"`);
    } else {
      from = parseValue(range, field);
      to = stepText === undefined ? from : field.max;
    }
    for (let v = from; v <= to; v += step) set[v] = 1;
  }
  return set;
}

function parseDom(text: string): DomRule {
  if (text === '?') return { kind: 'any' };
  if (text === 'L') return { kind: 'last' };
  if (text === 'LW') return { kind: 'last-weekday' };
  const w = /^(\d+)W$/.exec(text);
  if (w) return { kind: 'nearest-weekday', day: parseValue(w[1], FIELDS.dayOfMonth) };
  if (/[LW#]/i.test(text)) {
    throw new ScheduleExpressionError(`day-of-month: L and W stand alone (L, LW, 15W), found "${text}"`);
  }
  return { kind: 'set', days: parseList(text, FIELDS.dayOfMonth) };
}

function parseDow(text: string): DowRule {
  if (text === '?') return { kind: 'any' };
  if (text === 'L') return { kind: 'set', days: parseList('7', FIELDS.dayOfWeek) };
  const last = /^([^L#,]+)L$/.exec(text);
  if (last) return { kind: 'last-of-month', weekday: parseValue(last[1], FIELDS.dayOfWeek) };
  const nth = /^([^#,]+)#(\d+)$/.exec(text);
  if (nth) {
    const n = Number(nth[2]);
    if (n < 1 || n > 5) throw new ScheduleExpressionError(`day-of-week: expected #1 to #5, found "${text}"`);
    return { kind: 'nth', weekday: parseValue(nth[1], FIELDS.dayOfWeek), nth: n };
  }
  if (text.includes('#')) {
    throw new ScheduleExpressionError(`day-of-week: # takes one expression such as 3#2, found "${text}"`);
  }
  if (/L/i.test(text)) {
    // No day name contains an L, so any L left here is misplaced.
    throw new ScheduleExpressionError(`day-of-week: L stands alone (L or 5L), found "${text}"`);
  }
  return { kind: 'set', days: parseList(text, FIELDS.dayOfWeek) };
}

/**
 * Parse the six fields inside `cron(...)`.
 *
 * @throws ScheduleExpressionError naming the field and what was wrong
 */
export function parseCronFields(inner: string): CronSchedule {
  const fields = inner.trim().split(/\s+/);
  if (fields.length !== 6) {
    throw new ScheduleExpressionError(
      `expected six fields (minutes hours day-of-month month day-of-week year), found ${fields.length}`,
    );
  }
  const [minutes, hours, dom, month, dow, year] = fields;
  if ((dom === '?') === (dow === '?')) {
    throw new ScheduleExpressionError(
      'exactly one of day-of-month and day-of-week must be ? (EventBridge cannot take both, nor neither)',
    );
  }
  for (const [text, def] of [[minutes, FIELDS.minutes], [hours, FIELDS.hours], [month, FIELDS.month], [year, FIELDS.year]] as const) {
    if (text === '?') throw new ScheduleExpressionError(`${def.name}: ? is only allowed in day-of-month or day-of-week`);
    if (/[LW#]/i.test(text.replace(/[A-Z]{3}/gi, 'x'))) {
      throw new ScheduleExpressionError(`${def.name}: L, W and # are only allowed in the day fields, found "${text}"`);
    }
  }
  return new CronSchedule(
    parseList(month, FIELDS.month),
    parseList(year, FIELDS.year),
    parseList(hours, FIELDS.hours),
    parseList(minutes, FIELDS.minutes),
    parseDom(dom),
    parseDow(dow),
  );
}
