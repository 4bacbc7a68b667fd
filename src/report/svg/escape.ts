/**
 * Escaping of user text (function names, scenario text) for HTML content, SVG text and attribute
 * values: the five characters that can end a text node or an attribute. report.html, sweep.html and
 * every chart use this one function.
 */

/** Escapes `& < > " '` for HTML/SVG text and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}
