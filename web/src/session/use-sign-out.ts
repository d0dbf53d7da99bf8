/** Signs this device out and goes to the sign-in page. */
import { useNavigate } from "react-router";
import { logout } from "../api/client.ts";
import { useAsyncAction } from "../hooks/use-async-action.ts";
import type { NoticeState } from "../util/notice.ts";

const SIGNED_OUT: NoticeState = { notice: "You're signed out." };

export function useSignOut() {
  const navigate = useNavigate();
  const action = useAsyncAction();
  const signOut = () =>
    action.run(async () => {
      await logout();
      await navigate("/signin", { replace: true, state: SIGNED_OUT });
    });
  return { signOut, pending: action.pending, error: action.error };
}
