/** What a page shows when something unexpected broke while loading or drawing it. */
import { useRouteError } from "react-router";
import { toApiError } from "../api/api-error.ts";
import { ErrorMessage } from "../components/error-message.tsx";
import { ScreenLayout } from "../layouts/screen-layout.tsx";

export function RouteError() {
  const error = toApiError(useRouteError());
  return (
    <ScreenLayout>
      <title>Something went wrong · Marquee</title>
      <h1 className="screen__title">Something went wrong</h1>
      <ErrorMessage error={error} />
      <button type="button" className="button button--primary" onClick={() => location.reload()}>
        Try again
      </button>
    </ScreenLayout>
  );
}
