/**
 * /profiles/manage: add, edit and delete profiles. Kids profiles may not
 * manage profiles (the server refuses too), so they get an explanation.
 */
import { useState } from "react";
import { Link } from "react-router";
import { PROFILE_LIMIT } from "../../../lib/profiles.ts";
import type { Profile } from "../api/types.ts";
import { PlusIcon } from "../components/icons.tsx";
import { ProfileTile } from "../components/profile-tile.tsx";
import { StatusMessage } from "../components/status-message.tsx";
import { ScreenLayout } from "../layouts/screen-layout.tsx";
import { useSession } from "../session/use-session.ts";
import { ProfileEditorDialog } from "./profile-editor-dialog.tsx";

type Editing = { profile: Profile | null } | null;

export function ManageProfilesPage() {
  const { profiles, canManage } = useSession();
  const [editing, setEditing] = useState<Editing>(null);
  const [status, setStatus] = useState<string | null>(null);

  const done = (
    <Link to="/profiles" className="button button--primary">
      Done
    </Link>
  );

  if (!canManage)
    return (
      <ScreenLayout>
        <title>Manage profiles · Marquee</title>
        <h1 className="screen__title">Manage profiles</h1>
        <p className="screen__lead">
          Profiles can only be managed from a grown-up's profile. Switch profiles to make changes.
        </p>
        {done}
      </ScreenLayout>
    );

  return (
    <ScreenLayout>
      <title>Manage profiles · Marquee</title>
      <h1 className="screen__title">Manage profiles</h1>
      <ul className="profile-grid">
        {profiles.map((profile) => (
          <li key={profile.id}>
            <ProfileTile profile={profile} purpose="edit" onClick={() => setEditing({ profile })} />
          </li>
        ))}
        {profiles.length < PROFILE_LIMIT && (
          <li>
            <button
              type="button"
              className="add-profile"
              onClick={() => setEditing({ profile: null })}
            >
              <span className="add-profile__icon" aria-hidden="true">
                <PlusIcon />
              </span>
              <span className="add-profile__label">Add profile</span>
            </button>
          </li>
        )}
      </ul>
      {profiles.length >= PROFILE_LIMIT && (
        <p className="screen__lead">An account can have up to {PROFILE_LIMIT} profiles.</p>
      )}
      <StatusMessage>{status}</StatusMessage>
      {done}
      {editing && (
        <ProfileEditorDialog
          profile={editing.profile}
          onClose={() => setEditing(null)}
          onDone={(message) => {
            setEditing(null);
            setStatus(message);
          }}
        />
      )}
    </ScreenLayout>
  );
}
