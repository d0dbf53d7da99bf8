/**
 * Whether the upload named `resumeKey` stopped part-way in this browser
 * before (a reload, a closed tab), so the page can say it will go on from
 * there. False while it is being looked up, and for no key.
 */
import { useEffect, useState } from "react";
import { hasResumableUpload } from "../upload/tus-upload.ts";

export function useResumableUpload(resumeKey: string | null): boolean {
  const [found, setFound] = useState<string | null>(null);
  useEffect(() => {
    if (!resumeKey) return;
    let current = true;
    void hasResumableUpload(resumeKey).then(
      (resumable) => current && setFound(resumable ? resumeKey : null),
    );
    return () => {
      current = false;
    };
  }, [resumeKey]);
  return resumeKey !== null && found === resumeKey;
}
