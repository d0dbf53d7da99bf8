/** Signs this device out and goes to the sign-in page. */
import { useNavigate } from "react-router";
import { logout } from "../api/client.ts";
import { useAsyncAction } from "../hooks/use-async-action.ts";

export function useSignOut() {
  const navigate = useNavigate();
  const action = useAsyncAction();
  const signOut = () =>
    action.run(async () => {
      await logout();
      await navigate("/signin", { replace: true, state: { notice: "You're signed out." } });
    });
  return { signOut, pending: action.pending, error: action.error };
}
