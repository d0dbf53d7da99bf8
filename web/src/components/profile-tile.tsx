/**
 * One profile on the "Who's watching?" and "Manage profiles" screens: a big
 * avatar button named by the profile's name, described by its badges (kids,
 * PIN, locked).
 */
import { useId } from "react";
import type { Profile } from "../api/types.ts";
import { formatClockTime } from "../util/format-time.ts";
import { Avatar } from "./avatar.tsx";
import { LockIcon, PencilIcon } from "./icons.tsx";
import "./profile-tile.css";

interface ProfileTileProps {
  profile: Profile;
  onClick: () => void;
  /** "edit" shows a pencil over the avatar and names the button "Edit …". */
  purpose?: "select" | "edit";
}

export function ProfileTile({ profile, onClick, purpose = "select" }: ProfileTileProps) {
  const nameId = useId();
  const notesId = useId();
  const lockedUntil = profile.pinLockedUntil ? new Date(profile.pinLockedUntil) : null;
  return (
    <button
      type="button"
      className="profile-tile"
      onClick={onClick}
      aria-labelledby={nameId}
      aria-describedby={notesId}
    >
      <span className="profile-tile__art">
        <Avatar avatar={profile.avatar} size="lg" />
        {purpose === "edit" && (
          <span className="profile-tile__overlay" aria-hidden="true">
            <PencilIcon />
          </span>
        )}
      </span>
      <span id={nameId} className="profile-tile__name">
        {purpose === "edit" && <span className="visually-hidden">Edit </span>}
        {profile.name}
      </span>
      <span id={notesId} className="profile-tile__notes">
        {profile.isKids && <span className="badge">Kids</span>}
        {profile.hasPin && (
          <span className="profile-tile__lock">
            <LockIcon />
            <span className="visually-hidden">PIN protected</span>
          </span>
        )}
        {lockedUntil && (
          <span className="profile-tile__locked">Locked until {formatClockTime(lockedUntil)}</span>
        )}
      </span>
    </button>
  );
}
