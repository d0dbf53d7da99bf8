/**
 * What a profile keeps and says about titles: My List, thumbs ratings and
 * reviews. Every operation first checks the profile may see the title, so
 * nothing above its maturity level can be listed, rated or reviewed.
 */
import { RATING_VALUES, type Profile, type ThumbRating } from "../../../../lib/db/schema.ts";
import { forbidden } from "../../../../lib/http/api-error.ts";
import {
  addToMyList,
  clearRating,
  myListIds,
  removeFromMyList,
  reviewsOfTitle,
  setRating,
  upsertReview,
  type ReviewWithAuthor,
} from "../storage/profile-activity.ts";
import { presentCard, visibleTo } from "./catalog-reader.ts";
import type { ServiceContext } from "./context.ts";
import { cardArtworkFor } from "./experiments.ts";
import { profileRank, visibleTitle } from "./titles.ts";

export async function myListFor(ctx: ServiceContext, profile: Profile) {
  const ids = await myListIds(ctx.db, profile.id);
  const [cards, artwork] = await Promise.all([
    ctx.catalog.cards(ids),
    cardArtworkFor(ctx, profile),
  ]);
  const visible = visibleTo(profileRank(profile));
  return ids
    .map((id) => cards.get(id))
    .filter((card) => card !== undefined && visible(card))
    .map((card) => presentCard(card!, artwork));
}

export async function listTitle(ctx: ServiceContext, profile: Profile, titleId: string) {
  await visibleTitle(ctx, profile, titleId);
  await addToMyList(ctx.db, profile.id, titleId);
}

export async function unlistTitle(ctx: ServiceContext, profile: Profile, titleId: string) {
  await visibleTitle(ctx, profile, titleId);
  await removeFromMyList(ctx.db, profile.id, titleId);
}

export async function rate(
  ctx: ServiceContext,
  profile: Profile,
  titleId: string,
  thumb: ThumbRating | null,
) {
  await visibleTitle(ctx, profile, titleId);
  if (thumb === null) await clearRating(ctx.db, profile.id, titleId);
  else await setRating(ctx.db, profile.id, titleId, RATING_VALUES[thumb]);
}

export function presentReview(review: ReviewWithAuthor, viewerProfileId: string) {
  return {
    id: review.id,
    titleId: review.titleId,
    authorName: review.authorName,
    body: review.body,
    moderationState: review.moderationState,
    mine: review.profileId === viewerProfileId,
    createdAt: new Date(review.createdAt).toISOString(),
    updatedAt: new Date(review.updatedAt).toISOString(),
  };
}

export async function review(ctx: ServiceContext, profile: Profile, titleId: string, body: string) {
  // Reviews are public text; children's profiles don't publish it.
  if (profile.isKids) throw forbidden("Kids profiles can't write reviews.");
  await visibleTitle(ctx, profile, titleId);
  const saved = await upsertReview(ctx.db, profile.id, titleId, body);
  return presentReview({ ...saved, authorName: profile.name }, profile.id);
}

export async function reviewsFor(
  ctx: ServiceContext,
  profile: Profile,
  titleId: string,
  { before, limit }: { before?: Date | undefined; limit: number },
) {
  await visibleTitle(ctx, profile, titleId);
  const page = await reviewsOfTitle(ctx.db, {
    titleId,
    viewerProfileId: profile.id,
    before,
    limit: limit + 1,
  });
  const more = page.length > limit;
  const reviews = page.slice(0, limit);
  return {
    reviews: reviews.map((r) => presentReview(r, profile.id)),
    nextBefore: more ? new Date(reviews.at(-1)!.createdAt).toISOString() : null,
  };
}
