/**
 * Touch: a double tap on the left or right third of the picture skips back
 * or forward, as phones' video apps do. A single tap stays media-chrome's:
 * it shows or hides the controls.
 */
import { useEffect, useEffectEvent, type RefObject } from "react";

/** The longest pause between the two taps of a double tap. */
const DOUBLE_TAP_MS = 300;

/** -1 for the left third, 1 for the right, 0 in between. */
function sideOf(element: HTMLElement, clientX: number): -1 | 0 | 1 {
  const box = element.getBoundingClientRect();
  const fraction = (clientX - box.left) / box.width;
  return fraction < 1 / 3 ? -1 : fraction > 2 / 3 ? 1 : 0;
}

/** Calls `onSkip(-1)` or `onSkip(1)` on a double tap on `target`'s left or right third. */
export function useDoubleTapSeek(
  target: RefObject<HTMLElement | null>,
  onSkip: (direction: -1 | 1) => void,
): void {
  const skip = useEffectEvent(onSkip);
  useEffect(() => {
    const element = target.current;
    if (!element) return;
    let last: { at: number; side: -1 | 0 | 1 } | null = null;
    const onPointerUp = (event: PointerEvent) => {
      if (event.pointerType !== "touch") return;
      const side = sideOf(element, event.clientX);
      if (side !== 0 && last?.side === side && event.timeStamp - last.at < DOUBLE_TAP_MS) {
        last = null;
        // The first tap showed (or hid) the controls; the controller must not see this one.
        event.stopPropagation();
        skip(side);
        return;
      }
      last = { at: event.timeStamp, side };
    };
    element.addEventListener("pointerup", onPointerUp);
    return () => element.removeEventListener("pointerup", onPointerUp);
  }, [target]);
}
