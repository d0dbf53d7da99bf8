/** /my-list: the titles the profile keeps to watch later, most recently added first. */
import { Link, Outlet } from "react-router";
import { getMyList } from "../api/client.ts";
import { ErrorMessage } from "../components/error-message.tsx";
import { PosterCard } from "../components/poster-card.tsx";
import { useMyListChanges } from "../hooks/use-library-changes.ts";
import { useResource } from "../hooks/use-resource.ts";

export function MyListPage() {
  const list = useResource(getMyList);
  useMyListChanges(list.reload);

  return (
    <div className="page page--wide">
      <title>My List · Marquee</title>
      <h1 className="page__title">My List</h1>
      {list.error && (
        <>
          <ErrorMessage error={list.error} />
          <button type="button" className="button button--secondary" onClick={list.reload}>
            Try again
          </button>
        </>
      )}
      {list.data &&
        (list.data.titles.length > 0 ? (
          <ul className="title-grid" aria-label="Titles in My List">
            {list.data.titles.map((title) => (
              <li key={title.id}>
                <PosterCard title={title} />
              </li>
            ))}
          </ul>
        ) : (
          <div className="panel">
            <p className="panel__text">
              Your list is empty. Add films and series with the My List button on their details, and
              they'll wait for you here.
            </p>
            <Link to="/" className="button button--primary">
              Find something to watch
            </Link>
          </div>
        ))}
      <Outlet />
    </div>
  );
}
