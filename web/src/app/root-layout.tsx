/**
 * Wraps every page: the skip link, scroll restoration, and moving focus to
 * the new page's heading after a client-side navigation, so keyboard and
 * screen-reader users start reading where the page starts. Opening or
 * closing a title modal is not a new page: the modal manages focus itself.
 */
import { useEffect, useRef } from "react";
import { Outlet, ScrollRestoration, useLocation } from "react-router";
import { pagePathOf } from "./title-route.ts";

function useFocusHeadingOnNavigation() {
  const pagePath = pagePathOf(useLocation().pathname);
  const firstRender = useRef(true);
  useEffect(() => {
    // On first load the browser's own start (top of the page) is right.
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    const heading = document.querySelector<HTMLElement>("main h1");
    if (!heading) return;
    heading.tabIndex = -1;
    heading.focus();
  }, [pagePath]);
}

export function RootLayout() {
  useFocusHeadingOnNavigation();
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <Outlet />
      <ScrollRestoration />
    </>
  );
}
