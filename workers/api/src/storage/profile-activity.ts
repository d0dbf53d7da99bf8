/**
 * Queries on what a profile does with titles: its viewing history and
 * progress, My List, thumbs ratings and reviews.
 */
import { and, asc, desc, eq, lt, or, sql } from "drizzle-orm";
import {
  myList,
  profiles,
  ratings,
  reviews,
  titles,
  views,
  type ModerationState,
  type Review,
} from "../../../../lib/db/schema.ts";
import type { Database } from "../../../../lib/db/database.ts";
import type { ProgressObject } from "./progress-object.ts";

/** Titles shown in the home page's Continue Watching row, at most. */
const IN_PROGRESS_SHOWN = 20;

/**
 * Everything the home page personalises with: one D1 round trip, and the
 * titles in progress from the profile's progress object beside it.
 */
export async function profileSignals(db: Database, progress: ProgressObject, profileId: string) {
  const [[recentViews, ratingRows, listRows], inProgress] = await Promise.all([
    activityRows(db, profileId),
    progress.continueWatching(IN_PROGRESS_SHOWN),
  ]);
  return {
    recentViews: recentViews.map((row) => row.titleId),
    ratings: new Map(ratingRows.map((row) => [row.titleId, row.value])),
    myList: listRows.map((row) => row.titleId),
    inProgress: inProgress.map((entry) => entry.titleId),
  };
}

/** Recent views, ratings and My List, in one round trip. */
function activityRows(db: Database, profileId: string) {
  const lastViewed = sql<number>`max(${views.viewedAt})`;
  return db.batch([
    db
      .select({ titleId: views.titleId, lastViewedAt: lastViewed })
      .from(views)
      .where(eq(views.profileId, profileId))
      .groupBy(views.titleId)
      .orderBy(desc(lastViewed))
      .limit(50),
    db
      .select({ titleId: ratings.titleId, value: ratings.value })
      .from(ratings)
      .where(eq(ratings.profileId, profileId)),
    db
      .select({ titleId: myList.titleId })
      .from(myList)
      .where(eq(myList.profileId, profileId))
      .orderBy(desc(myList.addedAt), asc(myList.titleId))
      .limit(100),
  ]);
}

export type ProfileSignals = Awaited<ReturnType<typeof profileSignals>>;

/** A profile's own state for one title (getTitle's `viewer`); where it stopped is in its progress object. */
export async function titleStateFor(db: Database, profileId: string, titleId: string) {
  const [listed, rating] = await db.batch([
    db
      .select({ titleId: myList.titleId })
      .from(myList)
      .where(and(eq(myList.profileId, profileId), eq(myList.titleId, titleId))),
    db
      .select({ value: ratings.value })
      .from(ratings)
      .where(and(eq(ratings.profileId, profileId), eq(ratings.titleId, titleId))),
  ]);
  return {
    inMyList: listed.length > 0,
    rating: rating[0]?.value ?? null,
  };
}

export async function myListIds(db: Database, profileId: string): Promise<string[]> {
  const rows = await db
    .select({ titleId: myList.titleId })
    .from(myList)
    .where(eq(myList.profileId, profileId))
    .orderBy(desc(myList.addedAt), asc(myList.titleId));
  return rows.map((row) => row.titleId);
}

/**
 * Adds a title to My List; adding it again is a no-op (same row, same
 * position). The title's counter moves only when a row was added.
 */
export async function addToMyList(db: Database, profileId: string, titleId: string): Promise<void> {
  await db.batch([
    db.insert(myList).values({ profileId, titleId, addedAt: new Date() }).onConflictDoNothing(),
    db
      .update(titles)
      .set({ myListCount: sql`${titles.myListCount} + 1` })
      .where(and(eq(titles.id, titleId), sql`changes() = 1`)),
  ]);
}

export async function removeFromMyList(
  db: Database,
  profileId: string,
  titleId: string,
): Promise<void> {
  await db.batch([
    db.delete(myList).where(and(eq(myList.profileId, profileId), eq(myList.titleId, titleId))),
    db
      .update(titles)
      .set({ myListCount: sql`max(0, ${titles.myListCount} - 1)` })
      .where(and(eq(titles.id, titleId), sql`changes() = 1`)),
  ]);
}

export async function setRating(db: Database, profileId: string, titleId: string, value: number) {
  const updatedAt = new Date();
  await db
    .insert(ratings)
    .values({ profileId, titleId, value, updatedAt })
    .onConflictDoUpdate({
      target: [ratings.profileId, ratings.titleId],
      set: { value, updatedAt },
    });
}

export async function clearRating(db: Database, profileId: string, titleId: string) {
  await db
    .delete(ratings)
    .where(and(eq(ratings.profileId, profileId), eq(ratings.titleId, titleId)));
}

/** Writes a profile's review of a title; a changed text goes back to moderation. */
export async function upsertReview(
  db: Database,
  profileId: string,
  titleId: string,
  body: string,
): Promise<Review> {
  const [review] = await db
    .insert(reviews)
    .values({ id: crypto.randomUUID(), profileId, titleId, body })
    .onConflictDoUpdate({
      target: [reviews.profileId, reviews.titleId],
      set: { body, moderationState: "pending", updatedAt: new Date() },
    })
    .returning();
  return review!;
}

export interface ReviewWithAuthor extends Review {
  authorName: string;
}

const reviewColumns = {
  id: reviews.id,
  profileId: reviews.profileId,
  titleId: reviews.titleId,
  body: reviews.body,
  moderationState: reviews.moderationState,
  createdAt: reviews.createdAt,
  updatedAt: reviews.updatedAt,
  authorName: profiles.name,
};

/**
 * Approved reviews of a title, plus the viewer's own in any state, newest
 * first, one page after `before` (a review's creation time).
 */
export function reviewsOfTitle(
  db: Database,
  {
    titleId,
    viewerProfileId,
    before,
    limit,
  }: { titleId: string; viewerProfileId: string; before?: Date; limit: number },
): Promise<ReviewWithAuthor[]> {
  return db
    .select(reviewColumns)
    .from(reviews)
    .innerJoin(profiles, eq(profiles.id, reviews.profileId))
    .where(
      and(
        eq(reviews.titleId, titleId),
        or(eq(reviews.moderationState, "approved"), eq(reviews.profileId, viewerProfileId)),
        before ? lt(reviews.createdAt, before) : undefined,
      ),
    )
    .orderBy(desc(reviews.createdAt), desc(reviews.id))
    .limit(limit);
}

export function reviewsInState(
  db: Database,
  state: ModerationState,
  limit: number,
): Promise<ReviewWithAuthor[]> {
  return db
    .select(reviewColumns)
    .from(reviews)
    .innerJoin(profiles, eq(profiles.id, reviews.profileId))
    .where(eq(reviews.moderationState, state))
    .orderBy(asc(reviews.createdAt))
    .limit(limit);
}

export function findReview(db: Database, reviewId: string): Promise<Review | undefined> {
  return db.query.reviews.findFirst({ where: eq(reviews.id, reviewId) });
}
