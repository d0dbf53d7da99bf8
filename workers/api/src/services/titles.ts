/**
 * Titles as a profile sees them: a title above the profile's maturity level,
 * or not published, does not exist for it (404).
 */
import { RATING_VALUES, type Profile, type ThumbRating } from "../../../../lib/db/schema.ts";
import { notFound } from "../../../../lib/http/api-error.ts";
import { maturityRank } from "../../../../lib/maturity.ts";
import { titleStateFor } from "../storage/profile-activity.ts";
import { progressObject } from "../storage/progress-object.ts";
import { isStarted } from "../../../../lib/playback/progress-rules.ts";
import type { TitleDetailsRow } from "../storage/catalog-reads.ts";
import { presentCard, visibleTo } from "./catalog-reader.ts";
import type { ServiceContext } from "./context.ts";
import { cardArtworkFor } from "./experiments.ts";

const SIMILAR_SHOWN = 12;

export const profileRank = (profile: Profile) => maturityRank(profile.maturityLevel);

export function thumbOf(value: number | null): ThumbRating | null {
  const entry = Object.entries(RATING_VALUES).find(([, v]) => v === value);
  return entry ? (entry[0] as ThumbRating) : null;
}

/** A title's details if this profile may see it; otherwise a 404. */
export async function visibleTitle(
  ctx: ServiceContext,
  profile: Profile,
  titleId: string,
): Promise<TitleDetailsRow> {
  const details = await ctx.catalog.details(titleId);
  if (!details || !visibleTo(profileRank(profile))(details)) throw notFound("title");
  return details;
}

export async function titleForProfile(ctx: ServiceContext, profile: Profile, titleId: string) {
  const details = await visibleTitle(ctx, profile, titleId);
  const [similarList, state, progress] = await Promise.all([
    ctx.catalog.similar(titleId),
    titleStateFor(ctx.db, profile.id, titleId),
    progressObject(ctx.env, profile.id).get(titleId),
  ]);
  const [cards, artwork] = await Promise.all([
    ctx.catalog.cards(similarList.map((similar) => similar.titleId)),
    cardArtworkFor(ctx, profile),
  ]);
  const visible = visibleTo(profileRank(profile));
  const similar = similarList
    .map(({ titleId: id }) => cards.get(id))
    .filter((card) => card !== undefined && visible(card))
    .slice(0, SIMILAR_SHOWN)
    .map((card) => presentCard(card!, artwork));
  return {
    ...presentCard(details, artwork),
    synopsis: details.synopsis,
    languages: details.languages,
    genreNames: details.genres.map((genre) => genre.name),
    directors: details.credits
      .filter((credit) => credit.role === "director")
      .map((credit) => credit.name),
    cast: details.credits
      .filter((credit) => credit.role === "cast")
      .map(({ name, character }) => ({ name, character })),
    seasons: details.seasons,
    similar,
    viewer: {
      inMyList: state.inMyList,
      rating: thumbOf(state.rating),
      // As Continue Watching lists it: started (past 5%) and unfinished, or moved on to the next episode.
      resumeAt:
        progress &&
        !progress.completed &&
        (progress.nextUp || isStarted(progress.positionSeconds, progress.durationSeconds))
          ? { episodeId: progress.episodeId, positionSeconds: progress.positionSeconds }
          : null,
    },
  };
}
