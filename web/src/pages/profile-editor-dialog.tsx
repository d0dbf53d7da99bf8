/**
 * Adding or editing a profile: name, avatar, language, kids profile,
 * maturity level (kids profiles go up to PG) and the PIN lock. Editing also
 * offers deleting the profile, after a confirmation.
 */
import { useState, type FormEvent } from "react";
import {
  KIDS_MAX_LEVEL,
  MATURITY_LEVELS,
  maturityRank,
  type MaturityLevel,
} from "../../../lib/maturity.ts";
import { AVATARS, LANGUAGES, type Avatar, type Language } from "../../../lib/profiles.ts";
import { createProfile, updateProfile } from "../api/client.ts";
import type { Profile, UpdateProfileInput } from "../api/types.ts";
import { AvatarPicker } from "../components/avatar-picker.tsx";
import { Dialog } from "../components/dialog.tsx";
import { ErrorMessage } from "../components/error-message.tsx";
import { Field, TextField } from "../components/field.tsx";
import { PinField } from "../components/digits-field.tsx";
import { useAsyncAction } from "../hooks/use-async-action.ts";
import { useSession } from "../session/use-session.ts";
import { languageName } from "../util/language-name.ts";
import { oneOf } from "../util/one-of.ts";
import { DeleteProfileDialog } from "./delete-profile-dialog.tsx";

const MATURITY_LABELS: Record<MaturityLevel, string> = {
  G: "G — all ages",
  PG: "PG — parental guidance",
  "PG-13": "PG-13 — 13 and over",
  R: "R — 17 and over",
  "NC-17": "NC-17 — adults only",
};

const KIDS_LEVELS = MATURITY_LEVELS.filter(
  (level) => maturityRank(level) <= maturityRank(KIDS_MAX_LEVEL),
);

/** "keep" leaves the PIN alone, "set" sends a new one, "none" means no PIN (removing one). */
type PinChoice = "keep" | "set" | "none";

const PIN_CHOICES = {
  withPin: [
    ["keep", "Keep the current PIN"],
    ["set", "Change the PIN"],
    ["none", "Remove the PIN"],
  ],
  withoutPin: [
    ["none", "No PIN"],
    ["set", "Set a PIN"],
  ],
} as const satisfies Record<string, readonly (readonly [PinChoice, string])[]>;

const INLINE_FIELDS = ["name", "pin"];

interface ProfileEditorDialogProps {
  /** The profile to edit, or null to add one. */
  profile: Profile | null;
  onClose: () => void;
  /** Called after a change, with a line saying what happened. */
  onDone: (message: string) => void;
}

export function ProfileEditorDialog({ profile, onClose, onDone }: ProfileEditorDialogProps) {
  const { profiles, reload } = useSession();
  const action = useAsyncAction();
  const [name, setName] = useState(profile?.name ?? "");
  const [avatar, setAvatar] = useState<Avatar>(
    () =>
      profile?.avatar ??
      AVATARS.find((id) => !profiles.some((other) => other.avatar === id)) ??
      AVATARS[0],
  );
  const [language, setLanguage] = useState<Language>(profile?.language ?? "en");
  const [isKids, setIsKids] = useState(profile?.isKids ?? false);
  const [maturityLevel, setMaturityLevel] = useState<MaturityLevel>(
    profile?.maturityLevel ?? "NC-17",
  );
  const [pinChoice, setPinChoice] = useState<PinChoice>(profile?.hasPin ? "keep" : "none");
  const [pin, setPin] = useState("");
  const [confirmingDelete, setConfirmingDelete] = useState(false);

  function changeKids(kids: boolean) {
    setIsKids(kids);
    if (kids && maturityRank(maturityLevel) > maturityRank(KIDS_MAX_LEVEL))
      setMaturityLevel(KIDS_MAX_LEVEL);
  }

  function pinChange(existing: Profile): Pick<UpdateProfileInput, "pin"> {
    if (pinChoice === "set") return { pin };
    if (pinChoice === "none" && existing.hasPin) return { pin: null };
    return {};
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const trimmed = name.trim();
    const fields = { name: trimmed, avatar, language, isKids, maturityLevel };
    const saved = await action.run(async () => {
      if (profile) await updateProfile(profile.id, { ...fields, ...pinChange(profile) });
      else await createProfile({ ...fields, ...(pinChoice === "set" && { pin }) });
      await reload();
      return true;
    });
    if (saved) onDone(profile ? `Saved ${trimmed}.` : `Added ${trimmed}.`);
  }

  if (profile && confirmingDelete)
    return (
      <DeleteProfileDialog
        profile={profile}
        onClose={() => setConfirmingDelete(false)}
        onDeleted={() => onDone(`Deleted ${profile.name}.`)}
      />
    );

  return (
    <Dialog title={profile ? `Edit ${profile.name}` : "Add a profile"} onClose={onClose}>
      <form onSubmit={submit}>
        <TextField
          label="Name"
          required
          maxLength={40}
          autoComplete="off"
          data-autofocus
          value={name}
          onChange={(event) => setName(event.target.value)}
          error={action.error?.fieldMessage("name")}
        />
        <AvatarPicker value={avatar} onChange={setAvatar} />
        <Field label="Language">
          {(control) => (
            <select
              className="field__input"
              value={language}
              onChange={(event) => setLanguage(oneOf(LANGUAGES, event.target.value) ?? language)}
              {...control}
            >
              {LANGUAGES.map((tag) => (
                <option key={tag} value={tag}>
                  {languageName(tag)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          label="Kids profile"
          hint={`Only titles rated ${KIDS_MAX_LEVEL} or lower, and no changes to other profiles or the account.`}
          inline
        >
          {(control) => (
            <input
              type="checkbox"
              className="field__checkbox"
              checked={isKids}
              onChange={(event) => changeKids(event.target.checked)}
              {...control}
            />
          )}
        </Field>
        <Field label="Maturity level" hint="Titles rated above this level are hidden.">
          {(control) => (
            <select
              className="field__input"
              value={maturityLevel}
              onChange={(event) =>
                setMaturityLevel(oneOf(MATURITY_LEVELS, event.target.value) ?? maturityLevel)
              }
              {...control}
            >
              {(isKids ? KIDS_LEVELS : MATURITY_LEVELS).map((level) => (
                <option key={level} value={level}>
                  {MATURITY_LABELS[level]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <fieldset className="choice-group">
          <legend className="field__label">PIN lock</legend>
          {(profile?.hasPin ? PIN_CHOICES.withPin : PIN_CHOICES.withoutPin).map(
            ([value, label]) => (
              <label key={value} className="choice-group__option">
                <input
                  type="radio"
                  name="pin-choice"
                  value={value}
                  checked={pinChoice === value}
                  onChange={() => setPinChoice(value)}
                />
                {label}
              </label>
            ),
          )}
        </fieldset>
        {pinChoice === "set" && (
          <PinField
            label={profile?.hasPin ? "New PIN" : "PIN"}
            hint="4 digits, asked for whenever someone picks this profile."
            required
            value={pin}
            onChange={setPin}
            error={action.error?.fieldMessage("pin")}
          />
        )}
        <ErrorMessage error={action.error} inlineFields={INLINE_FIELDS} />
        <div className="dialog__actions">
          <button type="submit" className="button button--primary" disabled={action.pending}>
            {profile ? "Save" : "Add profile"}
          </button>
          <button type="button" className="button button--secondary" onClick={onClose}>
            Cancel
          </button>
          {profile && (
            <button
              type="button"
              className="button button--danger dialog__actions-end"
              onClick={() => setConfirmingDelete(true)}
            >
              Delete profile
            </button>
          )}
        </div>
      </form>
    </Dialog>
  );
}
