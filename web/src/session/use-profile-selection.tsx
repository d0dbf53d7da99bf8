/**
 * Switching who's watching, from the profile picker or the header menu:
 * profiles with a PIN ask for it first. Once the server has switched, the
 * session is reloaded and the app goes home.
 */
import { useState, type ReactNode } from "react";
import { useNavigate } from "react-router";
import type { ApiError } from "../api/api-error.ts";
import { selectProfile } from "../api/client.ts";
import type { Profile } from "../api/types.ts";
import { PinDialog } from "../components/pin-dialog.tsx";
import { useAsyncAction } from "../hooks/use-async-action.ts";
import { useSession } from "./use-session.ts";

export interface ProfileSelection {
  choose: (profile: Profile) => void;
  /** The PIN dialog while one is open; render it where the chooser lives. */
  pinDialog: ReactNode;
  /** Why a switch without a PIN failed. */
  error: ApiError | null;
}

export function useProfileSelection(): ProfileSelection {
  const { reload } = useSession();
  const navigate = useNavigate();
  const action = useAsyncAction();
  const [askingPinFor, setAskingPinFor] = useState<Profile | null>(null);

  async function select(profile: Profile, pin?: string) {
    const selected = await action.run(async () => {
      await selectProfile(profile.id, pin);
      await reload();
      setAskingPinFor(null);
      await navigate("/");
      return true;
    });
    // A refused PIN may have locked the profile; show that on its tile.
    if (!selected) await reload();
  }

  function choose(profile: Profile) {
    action.setError(null);
    if (profile.hasPin) setAskingPinFor(profile);
    else void select(profile);
  }

  function closePinDialog() {
    setAskingPinFor(null);
    action.setError(null);
  }

  return {
    choose,
    pinDialog: askingPinFor && (
      <PinDialog
        profile={askingPinFor}
        error={action.error}
        pending={action.pending}
        onSubmit={(pin) => void select(askingPinFor, pin)}
        onClose={closePinDialog}
      />
    ),
    error: askingPinFor ? null : action.error,
  };
}
