/** Any path the app does not know. */
import { Link } from "react-router";
import { ScreenLayout } from "../layouts/screen-layout.tsx";

export function NotFoundPage() {
  return (
    <ScreenLayout>
      <title>Page not found · Marquee</title>
      <h1 className="screen__title">Lost your way?</h1>
      <p className="screen__lead">
        We can't find that page. There's plenty to see from the home page.
      </p>
      <Link to="/" className="button button--primary">
        Marquee home
      </Link>
    </ScreenLayout>
  );
}
