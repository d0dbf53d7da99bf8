/**
 * A profile's avatar, drawn in CSS (a coloured tile with a simple face), so
 * no image travels over the network. Decorative: the profile's name is
 * always shown or spoken next to it.
 */
import type { Avatar as AvatarId } from "../../../lib/profiles.ts";
import "./avatar.css";

interface AvatarProps {
  avatar: AvatarId;
  size?: "sm" | "md" | "lg";
}

export function Avatar({ avatar, size = "md" }: AvatarProps) {
  return (
    <span className={`avatar avatar--${avatar} avatar--${size}`} aria-hidden="true">
      <span className="avatar__face" />
    </span>
  );
}
