/** A title's facts as people read them: "Series", "2h 12m", "3 seasons". */
import type { TitleCard, TitleType } from "../api/types.ts";

export const TYPE_LABELS: Record<TitleType, string> = { movie: "Film", series: "Series" };

/** "2h 12m", "45m". */
export function formatRuntime(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return `${rest}m`;
  return rest === 0 ? `${hours}h` : `${hours}h ${rest}m`;
}

export const seasonsLabel = (count: number) => `${count} season${count === 1 ? "" : "s"}`;

/**
 * How long a title is: a film's runtime, a series' seasons. `seasons` is the
 * count from the title's details when known (cards may not carry it).
 */
export function lengthOf(title: TitleCard, seasons = title.seasonCount): string | null {
  if (title.type === "movie")
    return title.runtimeMinutes ? formatRuntime(title.runtimeMinutes) : null;
  return seasons > 0 ? seasonsLabel(seasons) : null;
}
