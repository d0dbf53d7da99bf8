/**
 * Title details open as a modal over the page they were opened from, and
 * the URL says so: /title/:id over home, /search/title/:id?q=… over search
 * results, /my-list/title/:id over My List. Each is a child route of its
 * page, so the page stays mounted underneath (its scroll, its rows, the card
 * that opened the modal), a deep link shows both, and Back closes the modal.
 *
 * Links into a title count how many title modals deep they go (a title's
 * "More like this" opens another), so closing steps back past all of them.
 */
import { useLocation, useNavigate, type Location, type To } from "react-router";

const TITLE_SUFFIX = /\/title\/[^/]+\/?$/;

/** Pages that have a title modal route under them. */
const MODAL_PAGES = new Set(["/", "/search", "/my-list"]);

interface TitleState {
  titleDepth: number;
}

function titleDepthOf(state: unknown): number {
  if (typeof state !== "object" || state === null || !("titleDepth" in state)) return 0;
  return typeof state.titleDepth === "number" ? state.titleDepth : 0;
}

/** The page a path shows, without any title modal over it: "/search/title/abc" → "/search". */
export function pagePathOf(pathname: string): string {
  return pathname.replace(TITLE_SUFFIX, "") || "/";
}

/** Where a title opens from this location: over the current page, or over home. */
export function titleLocation(location: Location, titleId: string): { to: To; state: TitleState } {
  const page = pagePathOf(location.pathname);
  const modalPage = MODAL_PAGES.has(page) ? page : "/";
  const pathname = `${modalPage === "/" ? "" : modalPage}/title/${encodeURIComponent(titleId)}`;
  return {
    // Search keeps its query and filters under the modal.
    to: { pathname, search: modalPage === page ? location.search : "" },
    state: { titleDepth: titleDepthOf(location.state) + 1 },
  };
}

/** Props for a <Link> that opens a title without scrolling the page underneath. */
export function useTitleLink(titleId: string) {
  const location = useLocation();
  return { ...titleLocation(location, titleId), preventScrollReset: true };
}

/** Opens a title from code (a search suggestion chosen with Enter). */
export function useOpenTitle() {
  const location = useLocation();
  const navigate = useNavigate();
  return (titleId: string) => {
    const { to, state } = titleLocation(location, titleId);
    void navigate(to, { state, preventScrollReset: true });
  };
}

/**
 * Closes the title modal: back through the history it added, or, when it
 * was opened by a link from elsewhere, to the page underneath.
 */
export function useCloseTitle() {
  const location = useLocation();
  const navigate = useNavigate();
  return () => {
    const depth = titleDepthOf(location.state);
    if (depth > 0) void navigate(-depth);
    else
      void navigate(
        { pathname: pagePathOf(location.pathname), search: location.search },
        { replace: true, preventScrollReset: true },
      );
  };
}
