/**
 * What a profile does with a title from its details: keep it in My List,
 * and rate it thumbs down, up or double up. Both are toggle buttons
 * (aria-pressed) that change at once and change back if the server refuses
 * (see useSavedState).
 */
import { useId, useState } from "react";
import { addToMyList, rateTitle, removeFromMyList } from "../api/client.ts";
import type { Thumb } from "../api/types.ts";
import { ErrorMessage } from "../components/error-message.tsx";
import { CheckIcon, PlusIcon, ThumbIcon } from "../components/icons.tsx";
import { announceMyListChange } from "../hooks/use-library-changes.ts";
import { useSavedState } from "../hooks/use-saved-state.ts";

interface MyListButtonProps {
  titleId: string;
  inMyList: boolean;
}

export function MyListButton({ titleId, inMyList: initial }: MyListButtonProps) {
  const inMyList = useSavedState(initial, (listed) =>
    listed ? addToMyList(titleId) : removeFromMyList(titleId),
  );
  const [news, setNews] = useState("");

  async function toggle() {
    const next = !inMyList.value;
    setNews("");
    if (!(await inMyList.change(next))) return;
    setNews(next ? "Added to My List." : "Removed from My List.");
    announceMyListChange();
  }

  return (
    <>
      <button
        type="button"
        className="button button--secondary"
        aria-pressed={inMyList.value}
        onClick={() => void toggle()}
      >
        {inMyList.value ? <CheckIcon /> : <PlusIcon />}
        My List
      </button>
      <span role="status" className="title-actions__news">
        {news}
      </span>
      {inMyList.error && (
        <div className="title-actions__error">
          <ErrorMessage error={inMyList.error} />
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
  const rating = useSavedState(initial, (thumb) => rateTitle(titleId, thumb));
  const labelId = useId();

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
            aria-pressed={rating.value === value}
            title={label}
            // Pressing the rating you gave takes it back.
            onClick={() => void rating.change(rating.value === value ? null : value)}
          >
            <ThumbIcon />
            {value === "double_up" && <ThumbIcon />}
            <span className="visually-hidden">{label}</span>
          </button>
        ))}
      </div>
      {rating.error && (
        <div className="title-actions__error">
          <ErrorMessage error={rating.error} />
        </div>
      )}
    </>
  );
}
