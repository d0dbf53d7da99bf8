/**
 * A one-line notice handed to the next page through navigation state
 * ("You're signed out."), read back without trusting its shape.
 */
export interface NoticeState {
  notice: string;
}

export function noticeFrom(state: unknown): string | null {
  if (typeof state !== "object" || state === null || !("notice" in state)) return null;
  return typeof state.notice === "string" ? state.notice : null;
}
