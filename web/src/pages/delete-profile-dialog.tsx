/** Confirms deleting a profile, which cannot be undone. */
import { deleteProfile } from "../api/client.ts";
import type { Profile } from "../api/types.ts";
import { Dialog } from "../components/dialog.tsx";
import { ErrorMessage } from "../components/error-message.tsx";
import { useAsyncAction } from "../hooks/use-async-action.ts";
import { useSession } from "../session/use-session.ts";

interface DeleteProfileDialogProps {
  profile: Profile;
  onClose: () => void;
  onDeleted: () => void;
}

export function DeleteProfileDialog({ profile, onClose, onDeleted }: DeleteProfileDialogProps) {
  const { reload } = useSession();
  const action = useAsyncAction();

  async function confirm() {
    const deleted = await action.run(async () => {
      await deleteProfile(profile.id);
      await reload();
      return true;
    });
    if (deleted) onDeleted();
  }

  return (
    <Dialog title={`Delete ${profile.name}?`} onClose={onClose}>
      <p className="dialog__text">
        This profile's settings and history will be gone for good. This can't be undone.
      </p>
      <ErrorMessage error={action.error} />
      <div className="dialog__actions">
        <button
          type="button"
          className="button button--danger"
          disabled={action.pending}
          onClick={() => void confirm()}
        >
          Delete profile
        </button>
        <button type="button" className="button button--secondary" onClick={onClose} data-autofocus>
          Keep profile
        </button>
      </div>
    </Dialog>
  );
}
