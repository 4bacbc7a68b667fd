/**
 * "Did you mean ...?" for misspelt keys, enum values and names. Deterministic: ties go to the
 * candidate listed first, so the same typo always gets the same suggestion.
 */

/**
 * Optimal-string-alignment edit distance: insertions, deletions, substitutions and swaps of two
 * adjacent characters each cost 1 (a swap is the most common typing slip: `memroySize`).
 */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = [];
  for (let i = 0; i < rows; i++) {
    d.push(new Array<number>(cols).fill(0));
    d[i][0] = i;
  }
  for (let j = 0; j < cols; j++) d[0][j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, d[i - 2][j - 2] + 1);
      }
      d[i][j] = best;
    }
  }
  return d[rows - 1][cols - 1];
}

/**
 * The candidate the user most likely meant by `word`, or undefined when none is close.
 *
 * Close means: equal ignoring case (`memorysize` -> `memorySize`), or within an edit distance
 * of a third of the longer word (at least 1), or `word` is a prefix of the candidate of three
 * or more characters (`x86` -> `x86_64`, `nodejs20` -> `nodejs20.x`). Case is ignored when
 * measuring distance because YAML keys are often mistyped only in case.
 */
export function suggest(word: string, candidates: Iterable<string>): string | undefined {
  const lower = word.toLowerCase();
  let best: string | undefined;
  let bestScore = Infinity;
  for (const candidate of candidates) {
    if (candidate === word) continue;
    const candLower = candidate.toLowerCase();
    let score: number;
    if (candLower === lower) {
      score = 0;
    } else {
      const distance = editDistance(lower, candLower);
      const limit = Math.max(1, Math.floor(Math.max(lower.length, candLower.length) / 3));
      if (distance <= limit) {
        score = distance;
      } else if (lower.length >= 3 && candLower.startsWith(lower)) {
        // A prefix is a weaker signal than a near-spelling: rank it after every close match.
        score = 100 + candLower.length - lower.length;
      } else {
        continue;
      }
    }
    if (score < bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}

/** `did you mean "x"?`, or undefined when nothing is close (ready to be used as an error hint). */
export function didYouMean(word: string, candidates: Iterable<string>): string | undefined {
  const match = suggest(word, candidates);
  return match === undefined ? undefined : `did you mean "${match}"?`;
}
