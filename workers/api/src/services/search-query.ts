/**
 * Turning what someone typed into an FTS5 query, and fixing a typo.
 *
 * What search tolerates:
 * - missing or extra accents ("amelie" ↔ "Amélie"): the index folds
 *   diacritics, and so does `searchTokens`;
 * - case and punctuation, which are ignored;
 * - an unfinished last word: it matches as a prefix ("starf" → "Starfall");
 * - one typo per word when a search finds nothing: a word of 4+ letters that
 *   the index doesn't know is replaced by the most common indexed word one
 *   edit away (a letter added, dropped, changed or two swapped); 8+ letters
 *   allow two edits.
 * What it does not: phonetic misspellings ("fone"), more edits than that,
 * typos in a word the index knows as another word, splitting or joining
 * words ("star fall"), and synonyms.
 */
const MAX_TOKENS = 8;
const MAX_TOKEN_LENGTH = 40;

/** Lower-case, accent-free words of a query, at most eight. */
export function searchTokens(query: string): string[] {
  const folded = query.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
  return (folded.match(/[\p{L}\p{N}]+/gu) ?? [])
    .slice(0, MAX_TOKENS)
    .map((t) => t.slice(0, MAX_TOKEN_LENGTH));
}

/**
 * An FTS5 MATCH expression that needs every token; the last may be a
 * prefix. Tokens are letters and digits only, so quoting them is safe.
 */
export function matchExpression(
  tokens: readonly string[],
  { prefixLast = true, column }: { prefixLast?: boolean; column?: string } = {},
): string {
  const terms = tokens
    .map((token, i) => `"${token}"${prefixLast && i === tokens.length - 1 ? "*" : ""}`)
    .join(" ");
  return column ? `${column} : (${terms})` : terms;
}

/** Damerau–Levenshtein distance (optimal string alignment), stopping early past `limit`. */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previousPrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        value = Math.min(value, previousPrevious[j - 2]! + 1);
      current[j] = value;
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > limit) return limit + 1;
    previousPrevious = previous;
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * The tokens with unknown words replaced by their closest indexed word, or
 * null when nothing could be corrected. `vocabulary` maps each indexed word
 * to the number of titles containing it.
 */
export function correctTokens(
  tokens: readonly string[],
  vocabulary: ReadonlyMap<string, number>,
): string[] | null {
  let changed = false;
  const corrected = tokens.map((token, index) => {
    const isLast = index === tokens.length - 1;
    if (token.length < 4 || vocabulary.has(token)) return token;
    // An unfinished last word is fine if some indexed word starts with it.
    if (isLast && [...vocabulary.keys()].some((term) => term.startsWith(token))) return token;
    const limit = token.length >= 8 ? 2 : 1;
    let best: { term: string; distance: number; documents: number } | null = null;
    for (const [term, documents] of vocabulary) {
      const distance = editDistance(token, term, limit);
      if (distance > limit) continue;
      if (
        !best ||
        distance < best.distance ||
        (distance === best.distance &&
          (documents > best.documents || (documents === best.documents && term < best.term)))
      ) {
        best = { term, distance, documents };
      }
    }
    if (!best) return token;
    changed = true;
    return best.term;
  });
  return changed ? corrected : null;
}
