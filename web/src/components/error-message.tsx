/**
 * The one way errors are shown: the server's message (written for people),
 * field problems that are not shown next to their field, and when to try
 * again after a rate limit. It is a live region, so it is announced.
 */
import type { ApiError } from "../api/api-error.ts";
import { formatDuration } from "../util/format-time.ts";
import "./messages.css";

interface ErrorMessageProps {
  error: ApiError | null;
  /** Detail paths already shown next to their field. */
  inlineFields?: readonly string[];
}

export function ErrorMessage({ error, inlineFields = [] }: ErrorMessageProps) {
  const otherDetails = error?.details.filter((detail) => !inlineFields.includes(detail.path));
  return (
    <div role="alert" className="message message--error">
      {error && (
        <>
          <p>
            {error.message}
            {error.retryAfter !== null && ` Try again in ${formatDuration(error.retryAfter)}.`}
          </p>
          {otherDetails && otherDetails.length > 0 && (
            <ul>
              {otherDetails.map((detail) => (
                <li key={detail.path}>{detail.message}</li>
              ))}
            </ul>
          )}
        </>
      )}
    </div>
  );
}
