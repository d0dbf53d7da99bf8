/**
 * One row of titles that scrolls sideways: a region named by its title.
 *
 * - Pointer: native scrolling (touch, trackpad, shift + wheel), dragging
 *   with the mouse, and previous/next buttons on devices that hover.
 * - Keyboard: the row is one Tab stop (the card last focused in it); arrow
 *   keys, Home and End move between its cards and scroll them into view.
 * - Rows far down the page draw their cards only as they come near the
 *   viewport; until then a placeholder of the same size holds their place.
 */
import {
  useEffect,
  useId,
  useRef,
  useState,
  type KeyboardEvent,
  type MouseEvent,
  type PointerEvent,
} from "react";
import type { TitleCard } from "../api/types.ts";
import { ArrowIcon } from "./icons.tsx";
import { PosterCard } from "./poster-card.tsx";
import "./shelf.css";

/** How far ahead of the viewport a row starts drawing its cards. */
const NEAR_VIEWPORT = "600px 0px";
const DRAG_THRESHOLD_PX = 6;
const PLACEHOLDER_TILES = Array.from({ length: 8 }, (_, index) => index);

const scrollBehavior = (): ScrollBehavior =>
  matchMedia("(prefers-reduced-motion: reduce)").matches ? "auto" : "smooth";

interface ShelfProps {
  title: string;
  items: TitleCard[];
  /** Draw the cards straight away (the first rows), not when the row nears the viewport. */
  eager?: boolean;
}

export function Shelf({ title, items, eager = false }: ShelfProps) {
  const headingId = useId();
  const sectionRef = useRef<HTMLElement>(null);
  const [near, setNear] = useState(eager);

  useEffect(() => {
    const section = sectionRef.current;
    if (near || !section) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) setNear(true);
      },
      { rootMargin: NEAR_VIEWPORT },
    );
    observer.observe(section);
    return () => observer.disconnect();
  }, [near]);

  return (
    <section ref={sectionRef} className="shelf" aria-labelledby={headingId}>
      <h2 id={headingId} className="shelf__title">
        {title}
      </h2>
      {near ? (
        <ShelfTrack title={title} items={items} />
      ) : (
        <ul className="shelf__track shelf__track--placeholder" aria-hidden="true">
          {PLACEHOLDER_TILES.map((index) => (
            <li key={index} className="shelf__placeholder" />
          ))}
        </ul>
      )}
    </section>
  );
}

interface Drag {
  pointerId: number;
  startX: number;
  startScroll: number;
  moved: boolean;
}

function ShelfTrack({ title, items }: { title: string; items: TitleCard[] }) {
  const listRef = useRef<HTMLUListElement>(null);
  const drag = useRef<Drag | null>(null);
  const swallowClick = useRef(false);
  const [current, setCurrent] = useState(0);
  const [dragging, setDragging] = useState(false);
  const [edges, setEdges] = useState({ atStart: true, atEnd: false });
  const tabStop = Math.min(current, items.length - 1);

  // Which ends the row is scrolled to, for the previous/next buttons.
  useEffect(() => {
    const list = listRef.current;
    if (!list) return;
    const update = () =>
      setEdges({
        atStart: list.scrollLeft <= 1,
        atEnd: list.scrollLeft + list.clientWidth >= list.scrollWidth - 1,
      });
    const resizes = new ResizeObserver(update); // also reports once straight away
    resizes.observe(list);
    list.addEventListener("scroll", update, { passive: true });
    return () => {
      resizes.disconnect();
      list.removeEventListener("scroll", update);
    };
  }, []);

  const cards = () => [...(listRef.current?.querySelectorAll<HTMLElement>(".poster-card") ?? [])];

  function onKeyDown(event: KeyboardEvent<HTMLUListElement>) {
    const all = cards();
    const from = all.indexOf(event.target as HTMLElement);
    if (from < 0) return;
    const to = {
      ArrowRight: from + 1,
      ArrowLeft: from - 1,
      Home: 0,
      End: all.length - 1,
    }[event.key];
    if (to === undefined) return;
    event.preventDefault();
    const card = all[Math.max(0, Math.min(to, all.length - 1))];
    if (!card) return;
    card.focus({ preventScroll: true });
    card.scrollIntoView({ behavior: scrollBehavior(), block: "nearest", inline: "nearest" });
  }

  function page(direction: 1 | -1) {
    const list = listRef.current;
    if (!list) return;
    list.scrollBy({ left: direction * list.clientWidth * 0.85, behavior: scrollBehavior() });
  }

  function onPointerDown(event: PointerEvent<HTMLUListElement>) {
    swallowClick.current = false;
    if (event.pointerType !== "mouse" || event.button !== 0) return;
    drag.current = {
      pointerId: event.pointerId,
      startX: event.clientX,
      startScroll: event.currentTarget.scrollLeft,
      moved: false,
    };
  }

  function onPointerMove(event: PointerEvent<HTMLUListElement>) {
    const state = drag.current;
    if (!state || state.pointerId !== event.pointerId) return;
    const dx = event.clientX - state.startX;
    if (!state.moved) {
      if (Math.abs(dx) < DRAG_THRESHOLD_PX) return;
      state.moved = true;
      event.currentTarget.setPointerCapture(event.pointerId);
      setDragging(true);
    }
    event.currentTarget.scrollLeft = state.startScroll - dx;
  }

  function endDrag() {
    if (drag.current?.moved) {
      // The click that ends a drag is not a click on the card under the pointer.
      swallowClick.current = true;
      setDragging(false);
    }
    drag.current = null;
  }

  function onClickCapture(event: MouseEvent<HTMLUListElement>) {
    if (!swallowClick.current) return;
    swallowClick.current = false;
    event.preventDefault();
    event.stopPropagation();
  }

  return (
    <div className="shelf__viewport">
      <ul
        ref={listRef}
        className={dragging ? "shelf__track shelf__track--dragging" : "shelf__track"}
        onKeyDown={onKeyDown}
        onFocus={(event) => {
          const index = cards().indexOf(event.target as HTMLElement);
          if (index >= 0) setCurrent(index);
        }}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={endDrag}
        onPointerCancel={endDrag}
        onClickCapture={onClickCapture}
      >
        {items.map((item, index) => (
          <li key={item.id} className="shelf__item">
            <PosterCard title={item} tabIndex={index === tabStop ? 0 : -1} />
          </li>
        ))}
      </ul>
      {/* For pointers only: the keyboard moves through the row with arrow keys. */}
      <button
        type="button"
        className="shelf__scroll shelf__scroll--previous"
        tabIndex={-1}
        aria-label={`Scroll ${title} back`}
        disabled={edges.atStart}
        onClick={() => page(-1)}
      >
        <span className="shelf__scroll-icon">
          <ArrowIcon />
        </span>
      </button>
      <button
        type="button"
        className="shelf__scroll shelf__scroll--next"
        tabIndex={-1}
        aria-label={`Scroll ${title} forward`}
        disabled={edges.atEnd}
        onClick={() => page(1)}
      >
        <span className="shelf__scroll-icon">
          <ArrowIcon />
        </span>
      </button>
    </div>
  );
}
