/**
 * Reads Lambda REPORT lines (lambda-behavior.md section 13) from a CloudWatch Logs export: the
 * plain text form (`REPORT RequestId: ...\tDuration: 15.74 ms\tBilled Duration: 16 ms\t...
 * Init Duration: 130.49 ms`, with or without a timestamp prefix, tabs or spaces, and the older
 * 100 ms Billed Duration), the same text inside a JSON or CSV export (tabs escaped as `\t`), and
 * the JSON log format's `platform.report` records (`"durationMs"`, `"initDurationMs"`).
 *
 * Only Duration and Init Duration are read: Billed Duration is a rounding of them (1 ms, or 100 ms
 * before December 2020), and Restore Duration (SnapStart) is not INIT.
 */

/** The two fields a REPORT line gives the simulator. */
export type ReportField = 'Duration' | 'Init Duration';

/** `Duration: 15.74 ms` and its prefixed cousins; the prefix tells which field it is. */
const TEXT_FIELD = /(Billed Restore |Restore |Billed |Init )?Duration: ([0-9]+(?:\.[0-9]+)?) ms/g;
/** JSON log format: "durationMs": 15.74 / "initDurationMs": 130.49. */
const JSON_FIELD = /"(durationMs|initDurationMs)"\s*:\s*([0-9]+(?:\.[0-9]+)?)/g;

/** True when the text holds at least one REPORT line (plain or JSON format). */
export function looksLikeReportLog(text: string): boolean {
  return text.includes('REPORT RequestId:') || text.includes('"platform.report"');
}

/** One value per REPORT line that has `field` (ms), with the line it was on. */
export function readReportLog(text: string, field: ReportField): { valuesMs: number[]; reports: number } {
  const valuesMs: number[] = [];
  let reports = 0;
  for (const line of text.split(/\r?\n/)) {
    if (line.includes('REPORT RequestId:')) {
      reports++;
      const start = line.indexOf('REPORT RequestId:');
      for (const m of line.slice(start).matchAll(TEXT_FIELD)) {
        const prefix = m[1] ?? '';
        if ((field === 'Duration' && prefix === '') || (field === 'Init Duration' && prefix === 'Init ')) {
          valuesMs.push(Number(m[2]));
        }
      }
    } else if (line.includes('"platform.report"')) {
      reports++;
      for (const m of line.matchAll(JSON_FIELD)) {
        if ((field === 'Duration') === (m[1] === 'durationMs')) valuesMs.push(Number(m[2]));
      }
    }
  }
  return { valuesMs, reports };
}
