/** Review moderation: a state change and its audit entry, in one transaction. */
import { eq } from "drizzle-orm";
import { reviews, type ModerationState } from "../../../../lib/db/schema.ts";
import { notFound } from "../../../../lib/http/api-error.ts";
import { auditStatement } from "../storage/audit-log.ts";
import { findReview, reviewsInState } from "../storage/profile-activity.ts";
import { toStatement } from "../storage/statements.ts";
import type { ServiceContext } from "./context.ts";
import { presentReview } from "./library.ts";

export async function reviewQueue(ctx: ServiceContext, state: ModerationState, limit: number) {
  const found = await reviewsInState(ctx.db, state, limit);
  return found.map((review) => presentReview(review, ""));
}

export async function moderateReview(
  ctx: ServiceContext,
  actorAccountId: string,
  reviewId: string,
  state: "approved" | "rejected",
) {
  const review = await findReview(ctx.db, reviewId);
  if (!review) throw notFound("review");
  await ctx.db.$client.batch([
    toStatement(
      ctx.db,
      ctx.db.update(reviews).set({ moderationState: state }).where(eq(reviews.id, reviewId)),
    ),
    auditStatement(ctx.db, {
      actorAccountId,
      action: "moderate",
      entityType: "review",
      entityId: reviewId,
      before: { moderationState: review.moderationState },
      after: { moderationState: state },
      requestId: ctx.requestId,
    }),
  ]);
}
