/**
 * The header's profile menu: who is watching, switching to another profile,
 * managing profiles (not for kids profiles), the account page and signing
 * out. A disclosure: the button toggles a panel of ordinary buttons and
 * links; Escape or clicking elsewhere closes it.
 */
import { useEffect, useId, useRef, useState } from "react";
import { Link } from "react-router";
import type { Profile } from "../api/types.ts";
import { useProfileSelection } from "../session/use-profile-selection.tsx";
import { useSession } from "../session/use-session.ts";
import { useSignOut } from "../session/use-sign-out.ts";
import { Avatar } from "./avatar.tsx";
import { ErrorMessage } from "./error-message.tsx";
import { ChevronIcon } from "./icons.tsx";
import "./profile-menu.css";

export function ProfileMenu({ profile }: { profile: Profile }) {
  const { profiles, canManage } = useSession();
  const selection = useProfileSelection();
  const signOut = useSignOut();
  const [open, setOpen] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelId = useId();
  const switchLabelId = useId();
  const others = profiles.filter((other) => other.id !== profile.id);

  useEffect(() => {
    if (!open) return;
    const closeIfOutside = (event: PointerEvent) => {
      if (event.target instanceof Node && !rootRef.current?.contains(event.target)) setOpen(false);
    };
    document.addEventListener("pointerdown", closeIfOutside);
    return () => document.removeEventListener("pointerdown", closeIfOutside);
  }, [open]);

  const close = () => setOpen(false);

  return (
    <div
      ref={rootRef}
      className="profile-menu"
      onKeyDown={(event) => {
        if (event.key !== "Escape" || !open) return;
        close();
        buttonRef.current?.focus();
      }}
      onBlur={(event) => {
        // Tabbing past the last item leaves the menu: it should not stay open behind.
        if (!(
          event.relatedTarget instanceof Node && rootRef.current?.contains(event.relatedTarget)
        ))
          close();
      }}
    >
      <button
        ref={buttonRef}
        type="button"
        className="profile-menu__button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((wasOpen) => !wasOpen)}
      >
        <Avatar avatar={profile.avatar} size="sm" />
        <span className="profile-menu__name">
          <span className="visually-hidden">Watching as </span>
          {profile.name}
        </span>
        {profile.isKids && (
          <>
            <span className="badge" aria-hidden="true">
              Kids
            </span>
            <span className="visually-hidden"> (kids profile)</span>
          </>
        )}
        <ChevronIcon />
      </button>

      <div id={panelId} className="profile-menu__panel" hidden={!open}>
        {others.length > 0 && (
          <>
            <p id={switchLabelId} className="profile-menu__heading">
              Switch profile
            </p>
            <ul aria-labelledby={switchLabelId} className="profile-menu__list">
              {others.map((other) => (
                <li key={other.id}>
                  <button
                    type="button"
                    className="profile-menu__item"
                    onClick={() => {
                      close();
                      selection.choose(other);
                    }}
                  >
                    <Avatar avatar={other.avatar} size="sm" />
                    <span>
                      <span className="visually-hidden">Switch to </span>
                      {other.name}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          </>
        )}
        <ul className="profile-menu__list profile-menu__list--links">
          {canManage && (
            <li>
              <Link to="/profiles/manage" className="profile-menu__item" onClick={close}>
                Manage profiles
              </Link>
            </li>
          )}
          <li>
            <Link to="/account" className="profile-menu__item" onClick={close}>
              Account
            </Link>
          </li>
          <li>
            <button
              type="button"
              className="profile-menu__item"
              disabled={signOut.pending}
              onClick={() => void signOut.signOut()}
            >
              Sign out
            </button>
          </li>
        </ul>
      </div>

      <div className="profile-menu__error">
        <ErrorMessage error={selection.error ?? signOut.error} />
      </div>
      {selection.pinDialog}
    </div>
  );
}
