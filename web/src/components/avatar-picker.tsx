/**
 * Choosing one of the avatars: a radio group, so arrow keys move between
 * them and screen readers announce "Ocean, radio button, 2 of 12".
 */
import { AVATARS, type Avatar as AvatarId } from "../../../lib/profiles.ts";
import { Avatar } from "./avatar.tsx";
import "./avatar-picker.css";

interface AvatarPickerProps {
  value: AvatarId;
  onChange: (avatar: AvatarId) => void;
}

const label = (avatar: AvatarId) => avatar.charAt(0).toUpperCase() + avatar.slice(1);

export function AvatarPicker({ value, onChange }: AvatarPickerProps) {
  return (
    <fieldset className="avatar-picker">
      <legend className="field__label">Avatar</legend>
      <div className="avatar-picker__options">
        {AVATARS.map((avatar) => (
          <label key={avatar} className="avatar-picker__option">
            <input
              type="radio"
              name="avatar"
              className="avatar-picker__input"
              value={avatar}
              checked={value === avatar}
              onChange={() => onChange(avatar)}
            />
            <Avatar avatar={avatar} size="sm" />
            <span className="visually-hidden">{label(avatar)}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
