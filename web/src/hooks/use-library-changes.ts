/**
 * News that the profile's My List changed (from a title's details, over a
 * page that shows the list), so pages showing it load it again.
 */
import { useEffect } from "react";

const changes = new EventTarget();

export function announceMyListChange(): void {
  changes.dispatchEvent(new Event("my-list"));
}

/** Calls `onChange` (which must keep its identity, like a resource's reload) after each change. */
export function useMyListChanges(onChange: () => void): void {
  useEffect(() => {
    changes.addEventListener("my-list", onChange);
    return () => changes.removeEventListener("my-list", onChange);
  }, [onChange]);
}
