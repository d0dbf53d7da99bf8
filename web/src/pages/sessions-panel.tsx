/** The devices signed in to the account, each of which can be signed out. */
import { useState } from "react";
import { listSessions, revokeSession } from "../api/client.ts";
import type { DeviceSession } from "../api/types.ts";
import { ErrorMessage } from "../components/error-message.tsx";
import { StatusMessage } from "../components/status-message.tsx";
import { useAsyncAction } from "../hooks/use-async-action.ts";
import { useResource } from "../hooks/use-resource.ts";
import { useSignOut } from "../session/use-sign-out.ts";
import { formatDateTime, formatRelative } from "../util/format-time.ts";

export function SessionsPanel() {
  const sessions = useResource(listSessions);
  const signOut = useSignOut();
  const action = useAsyncAction();
  const [status, setStatus] = useState<string | null>(null);

  async function signOutSession(session: DeviceSession) {
    if (session.current) return signOut.signOut();
    const revoked = await action.run(async () => {
      await revokeSession(session.id);
      return true;
    });
    if (!revoked) return;
    setStatus(`Signed out ${session.device}.`);
    sessions.reload();
  }

  return (
    <section className="panel" aria-labelledby="sessions-title">
      <h2 id="sessions-title">Signed-in devices</h2>
      <p className="panel__text">Don't recognise one? Sign it out, then change your password.</p>
      <ErrorMessage error={action.error ?? signOut.error ?? sessions.error} />
      <StatusMessage>{status}</StatusMessage>
      {sessions.data && (
        <ul className="sessions">
          {sessions.data.sessions.map((session) => (
            <li key={session.id} className="sessions__item">
              <div>
                <p className="sessions__device">
                  {session.device}
                  {session.current && <span className="badge badge--on">This device</span>}
                </p>
                <p className="sessions__meta">
                  Last active {formatRelative(session.lastSeenAt)} · Signed in{" "}
                  {formatDateTime(session.createdAt)}
                  {session.ipAddress && ` · ${session.ipAddress}`}
                </p>
              </div>
              <button
                type="button"
                className="button button--secondary button--small"
                disabled={action.pending || signOut.pending}
                onClick={() => void signOutSession(session)}
              >
                Sign out
                <span className="visually-hidden">
                  {session.current ? " this device" : ` ${session.device}`}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
