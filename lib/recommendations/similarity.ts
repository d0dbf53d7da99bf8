/**
 * Item-to-item similarity: which titles go together. A pure function, so the
 * analytics Worker's cron and the demo seed compute it the same way.
 *
 * Two signals, blended per pair:
 *
 * - Behaviour (collaborative filtering): each profile is a dimension, and a
 *   title's vector holds each profile's interaction weight (see
 *   `interactionWeight`). cf = cos(a, b), over the profiles' weights.
 * - Content: shared genres and people (Jaccard indexes):
 *   content = 0.7 · J(genres) + 0.3 · J(people).
 *
 * The blend trusts behaviour as evidence grows, and treats content as the
 * weaker signal (two dramas are not alike just for being dramas):
 *   similarity = β · cf + (1 − β) · 0.6 · content, β = n / (n + 5),
 * n = profiles who interacted with both. A title nobody has watched yet gets
 * content similarity alone ("genres and people fill in"); five profiles
 * watching two titles together outweigh a shared genre. Each title keeps
 * its `perTitle` best matches with a positive score, ordered by score, then
 * id (deterministic).
 *
 * Cost: Σ over profiles of (titles they touched)², plus titles² for
 * content; fine for catalogs of thousands of titles. Past that, restrict
 * the content pass to titles sharing a genre.
 */
export interface TitleFeatures {
  id: string;
  genres: string[];
  people: string[];
}

/** One profile's standing with one title. */
export interface Interaction {
  profileId: string;
  titleId: string;
  weight: number;
}

export interface SimilarTitle {
  titleId: string;
  score: number;
}

/** Co-viewers at which behaviour and content count equally. */
const EVIDENCE = 5;
const CONTENT_WEIGHT = 0.6;

/**
 * How much a profile's interaction says it liked a title: a thumbs rating
 * speaks loudest (double up 2.5, up 1.5, down −1); otherwise watching or
 * keeping it in My List counts 1.
 */
export function interactionWeight({
  rating,
  engaged,
}: {
  rating: number | null;
  engaged: boolean;
}): number {
  if (rating === 2) return 2.5;
  if (rating === 1) return 1.5;
  if (rating === -1) return -1;
  return engaged ? 1 : 0;
}

function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 && b.size === 0) return 0;
  let shared = 0;
  for (const item of a) if (b.has(item)) shared++;
  return shared / (a.size + b.size - shared);
}

const pairKey = (a: string, b: string) => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);

export function computeSimilarities(
  titles: TitleFeatures[],
  interactions: Interaction[],
  { perTitle = 20 }: { perTitle?: number } = {},
): Map<string, SimilarTitle[]> {
  const known = new Set(titles.map((title) => title.id));

  // Behaviour: dot products, co-interaction counts and norms from each profile's titles.
  const byProfile = new Map<string, Map<string, number>>();
  for (const { profileId, titleId, weight } of interactions) {
    if (!known.has(titleId) || weight === 0) continue;
    let items = byProfile.get(profileId);
    if (!items) byProfile.set(profileId, (items = new Map()));
    items.set(titleId, weight);
  }
  const dot = new Map<string, number>();
  const together = new Map<string, number>();
  const squaredNorm = new Map<string, number>();
  for (const items of byProfile.values()) {
    const entries = [...items];
    for (let i = 0; i < entries.length; i++) {
      const [a, wa] = entries[i]!;
      squaredNorm.set(a, (squaredNorm.get(a) ?? 0) + wa * wa);
      for (let j = i + 1; j < entries.length; j++) {
        const [b, wb] = entries[j]!;
        const key = pairKey(a, b);
        dot.set(key, (dot.get(key) ?? 0) + wa * wb);
        together.set(key, (together.get(key) ?? 0) + 1);
      }
    }
  }

  const features = titles.map((title) => ({
    id: title.id,
    genres: new Set(title.genres),
    people: new Set(title.people),
  }));
  const similar = new Map<string, SimilarTitle[]>(titles.map((title) => [title.id, []]));
  for (let i = 0; i < features.length; i++) {
    const a = features[i]!;
    for (let j = i + 1; j < features.length; j++) {
      const b = features[j]!;
      const content = 0.7 * jaccard(a.genres, b.genres) + 0.3 * jaccard(a.people, b.people);
      const key = pairKey(a.id, b.id);
      const n = together.get(key) ?? 0;
      let score = CONTENT_WEIGHT * content;
      if (n > 0) {
        const cf = dot.get(key)! / Math.sqrt(squaredNorm.get(a.id)! * squaredNorm.get(b.id)!);
        const beta = n / (n + EVIDENCE);
        score = beta * cf + (1 - beta) * CONTENT_WEIGHT * content;
      }
      if (score <= 0) continue;
      similar.get(a.id)!.push({ titleId: b.id, score });
      similar.get(b.id)!.push({ titleId: a.id, score });
    }
  }

  for (const [id, list] of similar) {
    list.sort((x, y) => y.score - x.score || (x.titleId < y.titleId ? -1 : 1));
    similar.set(id, list.slice(0, perTitle));
  }
  return similar;
}
