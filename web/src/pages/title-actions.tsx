/**
 * What a profile does with a title from its details: keep it in My List,
 * and rate it thumbs down, up or double up. Both are toggle buttons
 * (aria-pressed) that change at once and change back if the server refuses.
 */
import { useId, useState } from "react";
import { addToMyList, rateTitle, removeFromMyList } from "../api/client.ts";
import type { Thumb } from "../api/types.ts";
import { ErrorMessage } from "../components/error-message.tsx";
import { CheckIcon, PlusIcon, ThumbIcon } from "../components/icons.tsx";
import { useAsyncAction } from "../hooks/use-async-action.ts";
import { announceMyListChange } from "../hooks/use-library-changes.ts";

interface MyListButtonProps {
  titleId: string;
  inMyList: boolean;
}

export function MyListButton({ titleId, inMyList: initial }: MyListButtonProps) {
  const [inMyList, setInMyList] = useState(initial);
  const [news, setNews] = useState("");
  const action = useAsyncAction();

  async function toggle() {
    // One change at a time, so the server's answers can't arrive out of order.
    if (action.pending) return;
    const next = !inMyList;
    setInMyList(next);
    setNews("");
    const done = await action.run(async () => {
      await (next ? addToMyList(titleId) : removeFromMyList(titleId));
      return true;
    });
    if (!done) {
      setInMyList(!next);
      return;
    }
    setNews(next ? "Added to My List." : "Removed from My List.");
    announceMyListChange();
  }

  return (
    <>
      <button
        type="button"
        className="button button--secondary"
        aria-pressed={inMyList}
        onClick={() => void toggle()}
      >
        {inMyList ? <CheckIcon /> : <PlusIcon />}
        My List
      </button>
      <span role="status" className="title-actions__news">
        {news}
      </span>
      {action.error && (
        <div className="title-actions__error">
          <ErrorMessage error={action.error} />
        </div>
      )}
    </>
  );
}

const THUMBS: { value: Thumb; label: string }[] = [
  { value: "down", label: "Not for me" },
  { value: "up", label: "I like this" },
  { value: "double_up", label: "Love this!" },
];

interface RatingButtonsProps {
  titleId: string;
  rating: Thumb | null;
}

export function RatingButtons({ titleId, rating: initial }: RatingButtonsProps) {
  const [rating, setRating] = useState(initial);
  const action = useAsyncAction();
  const labelId = useId();

  async function rate(thumb: Thumb) {
    if (action.pending) return;
    const before = rating;
    // Pressing the rating you gave takes it back.
    const next = rating === thumb ? null : thumb;
    setRating(next);
    const done = await action.run(async () => {
      await rateTitle(titleId, next);
      return true;
    });
    if (!done) setRating(before);
  }

  return (
    <>
      <div role="group" aria-labelledby={labelId} className="rating">
        <span id={labelId} className="visually-hidden">
          Rate this title
        </span>
        {THUMBS.map(({ value, label }) => (
          <button
            key={value}
            type="button"
            className={`rating__button rating__button--${value}`}
            aria-pressed={rating === value}
            title={label}
            onClick={() => void rate(value)}
          >
            <ThumbIcon />
            {value === "double_up" && <ThumbIcon />}
            <span className="visually-hidden">{label}</span>
          </button>
        ))}
      </div>
      {action.error && (
        <div className="title-actions__error">
          <ErrorMessage error={action.error} />
        </div>
      )}
    </>
  );
}
