/**
 * /dev/mailbox: the mail the platform "sent" in local development (the
 * password-reset links, for instance), newest first. Other environments
 * have no mailbox and answer 404, which the page explains.
 */
import { listDevMail } from "../api/client.ts";
import type { DevMail } from "../api/types.ts";
import { ErrorMessage } from "../components/error-message.tsx";
import { useResource } from "../hooks/use-resource.ts";
import { ScreenLayout } from "../layouts/screen-layout.tsx";
import { formatDateTime } from "../util/format-time.ts";
import { Linkified } from "../util/linkified.tsx";
import "./dev-mailbox-page.css";

export function DevMailboxPage() {
  const mail = useResource(listDevMail);
  const unavailable = mail.error?.status === 404;

  return (
    <ScreenLayout
      actions={
        <button
          type="button"
          className="button button--secondary button--small"
          onClick={mail.reload}
        >
          Refresh
        </button>
      }
    >
      <title>Dev mailbox · Marquee</title>
      <div className="mailbox">
        <h1 className="page__title">Dev mailbox</h1>
        {unavailable ? (
          <p className="panel__text">
            The dev mailbox is not available here. It only exists when Marquee runs in local
            development.
          </p>
        ) : (
          <>
            <p className="panel__text">Mail sent by Marquee in local development, newest first.</p>
            <ErrorMessage error={mail.error} />
            {mail.data && <MailList messages={mail.data.messages} />}
          </>
        )}
      </div>
    </ScreenLayout>
  );
}

function MailList({ messages }: { messages: DevMail[] }) {
  if (messages.length === 0) return <p className="panel__text">No mail yet.</p>;
  return (
    <ol className="mailbox__list">
      {messages.map((message) => (
        <li key={message.id}>
          <article className="panel mailbox__message" aria-labelledby={`mail-${message.id}`}>
            <h2 id={`mail-${message.id}`}>{message.subject}</h2>
            <p className="mailbox__meta">
              To {message.to} ·{" "}
              <time dateTime={message.sentAt}>{formatDateTime(message.sentAt)}</time>
            </p>
            <p className="mailbox__text">
              <Linkified text={message.text} />
            </p>
          </article>
        </li>
      ))}
    </ol>
  );
}
