/**
 * A title's reviews, newest first, and the profile's own: written or
 * changed here, it waits for a moderator, and until then only its author
 * sees it, marked "Pending moderation". Kids profiles read reviews but
 * don't write them (the server refuses them too).
 */
import { useCallback, useId, useState, type FormEvent } from "react";
import { listReviews, reviewTitle } from "../api/client.ts";
import type { Review } from "../api/types.ts";
import { ErrorMessage } from "../components/error-message.tsx";
import { Field } from "../components/field.tsx";
import { useAsyncAction } from "../hooks/use-async-action.ts";
import { useResource } from "../hooks/use-resource.ts";
import { formatDay } from "../util/format-time.ts";

const MIN_LENGTH = 10;
const MAX_LENGTH = 2000;

const MODERATION_LABELS: Partial<Record<Review["moderationState"], string>> = {
  pending: "Pending moderation",
  rejected: "Not approved",
};

interface ReviewsPanelProps {
  titleId: string;
  canWrite: boolean;
}

export function ReviewsPanel({ titleId, canWrite }: ReviewsPanelProps) {
  const headingId = useId();
  const load = useCallback(() => listReviews(titleId), [titleId]);
  const firstPage = useResource(load);
  const [older, setOlder] = useState<Review[]>([]);
  const [nextBefore, setNextBefore] = useState<string | null | undefined>(undefined);
  const [mine, setMine] = useState<Review | null>(null);
  const more = useAsyncAction();

  const loaded = [...(firstPage.data?.reviews ?? []), ...older];
  const own = mine ?? loaded.find((review) => review.mine) ?? null;
  // The profile's own review leads, as it was last saved.
  const reviews = own ? [own, ...loaded.filter((review) => !review.mine)] : loaded;
  const cursor = nextBefore === undefined ? firstPage.data?.nextBefore : nextBefore;

  async function loadMore() {
    if (!cursor) return;
    const page = await more.run(() => listReviews(titleId, cursor));
    if (!page) return;
    setOlder((shown) => [...shown, ...page.reviews]);
    setNextBefore(page.nextBefore);
  }

  return (
    <section className="title-details__section reviews" aria-labelledby={headingId}>
      <h3 id={headingId} className="title-details__heading">
        Reviews
      </h3>
      {firstPage.error && <ErrorMessage error={firstPage.error} />}
      {firstPage.data &&
        (reviews.length > 0 ? (
          <ul className="reviews__list">
            {reviews.map((review) => (
              <ReviewItem key={review.id} review={review} />
            ))}
          </ul>
        ) : (
          <p className="reviews__empty">No reviews yet.</p>
        ))}
      {cursor && (
        <button
          type="button"
          className="button button--secondary button--small"
          disabled={more.pending}
          onClick={() => void loadMore()}
        >
          More reviews
        </button>
      )}
      <ErrorMessage error={more.error} />
      {canWrite && firstPage.data && <ReviewForm titleId={titleId} own={own} onSaved={setMine} />}
    </section>
  );
}

function ReviewItem({ review }: { review: Review }) {
  const moderation = MODERATION_LABELS[review.moderationState];
  return (
    <li className="review">
      <p className="review__meta">
        <span className="review__author">
          {review.authorName}
          {review.mine && " (you)"}
        </span>
        <time dateTime={review.updatedAt}>{formatDay(review.updatedAt)}</time>
        {review.mine && moderation && <span className="badge review__state">{moderation}</span>}
      </p>
      <p className="review__body">{review.body}</p>
    </li>
  );
}

interface ReviewFormProps {
  titleId: string;
  own: Review | null;
  onSaved: (review: Review) => void;
}

function ReviewForm({ titleId, own, onSaved }: ReviewFormProps) {
  const [body, setBody] = useState(own?.body ?? "");
  const [news, setNews] = useState("");
  const action = useAsyncAction();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setNews("");
    const saved = await action.run(() => reviewTitle(titleId, body));
    if (!saved) return;
    onSaved(saved);
    setNews("Thanks! Your review will appear to others once it's approved.");
  }

  return (
    <form className="reviews__form" onSubmit={(event) => void submit(event)}>
      <Field
        label={own ? "Your review" : "Write a review"}
        hint={`${MIN_LENGTH} to ${MAX_LENGTH.toLocaleString("en")} characters. Reviews are checked before others see them.`}
        error={action.error?.fieldMessage("body")}
      >
        {(control) => (
          <textarea
            className="field__input reviews__input"
            rows={4}
            required
            minLength={MIN_LENGTH}
            maxLength={MAX_LENGTH}
            value={body}
            onChange={(event) => setBody(event.target.value)}
            {...control}
          />
        )}
      </Field>
      <ErrorMessage error={action.error} inlineFields={["body"]} />
      <div className="form-actions">
        <button type="submit" className="button button--primary" disabled={action.pending}>
          {action.pending ? "Posting…" : own ? "Update review" : "Post review"}
        </button>
      </div>
      <p role="status" className="reviews__news">
        {news}
      </p>
    </form>
  );
}
