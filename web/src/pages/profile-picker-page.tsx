/** /profiles: "Who's watching?" — choose a profile (with its PIN if it has one). */
import { Link } from "react-router";
import { ErrorMessage } from "../components/error-message.tsx";
import { ProfileTile } from "../components/profile-tile.tsx";
import { ScreenLayout } from "../layouts/screen-layout.tsx";
import { useProfileSelection } from "../session/use-profile-selection.tsx";
import { useSession } from "../session/use-session.ts";
import { useSignOut } from "../session/use-sign-out.ts";

export function ProfilePickerPage() {
  const { profiles, canManage } = useSession();
  const selection = useProfileSelection();
  const signOut = useSignOut();

  return (
    <ScreenLayout
      actions={
        <button
          type="button"
          className="button button--secondary button--small"
          disabled={signOut.pending}
          onClick={() => void signOut.signOut()}
        >
          Sign out
        </button>
      }
    >
      <title>Who's watching? · Marquee</title>
      <h1 className="screen__title">Who's watching?</h1>
      <ul className="profile-grid">
        {profiles.map((profile) => (
          <li key={profile.id}>
            <ProfileTile profile={profile} onClick={() => selection.choose(profile)} />
          </li>
        ))}
      </ul>
      <ErrorMessage error={selection.error ?? signOut.error} />
      {canManage && (
        <Link to="/profiles/manage" className="button button--outline">
          Manage profiles
        </Link>
      )}
      {selection.pinDialog}
    </ScreenLayout>
  );
}
