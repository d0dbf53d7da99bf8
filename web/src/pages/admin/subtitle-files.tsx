/**
 * An upload's optional subtitle files (WebVTT or SubRip), each with its
 * language and an optional label for the player's menu. Files are checked
 * as they are added, by the server's rules: subtitles are text files of at
 * most 2 MiB. A language in the file name ("film.fr.srt") is filled in.
 */
import { useState } from "react";
import { FileDropZone } from "../../components/file-drop-zone.tsx";
import { TextField } from "../../components/field.tsx";
import type { SubtitleFile } from "../../upload/ingest-upload.ts";
import { formatBytes } from "../../util/format-bytes.ts";
import "./subtitle-files.css";

const MAX_BYTES = 2 * 1024 * 1024;
const EXTENSIONS = [".vtt", ".srt"];
const LANGUAGE_IN_NAME = /\.([a-z]{2,3})\.(?:vtt|srt)$/i;

interface SubtitleFilesProps {
  value: SubtitleFile[];
  disabled: boolean;
  onChange: (subtitles: SubtitleFile[]) => void;
}

/** Why a file cannot be a subtitle track, or null when it can. */
function refusal(file: File): string | null {
  if (!EXTENSIONS.some((extension) => file.name.toLowerCase().endsWith(extension)))
    return `${file.name} is not a .vtt or .srt file.`;
  if (file.size > MAX_BYTES) return `${file.name} is larger than ${formatBytes(MAX_BYTES)}.`;
  return null;
}

export function SubtitleFiles({ value, disabled, onChange }: SubtitleFilesProps) {
  const [error, setError] = useState<string | undefined>();

  function add(files: File[]) {
    const refusals = files.map(refusal).filter((reason) => reason !== null);
    setError(refusals.length > 0 ? refusals.join(" ") : undefined);
    const added = files
      .filter((file) => refusal(file) === null)
      .map((file) => ({
        file,
        language: LANGUAGE_IN_NAME.exec(file.name)?.[1]?.toLowerCase() ?? "",
        label: "",
      }));
    onChange([...value, ...added]);
  }

  const change = (index: number, patch: Partial<SubtitleFile>) =>
    onChange(value.map((track, at) => (at === index ? { ...track, ...patch } : track)));

  return (
    <>
      <FileDropZone
        label="Subtitle files"
        hint="WebVTT (.vtt) or SubRip (.srt), up to 2 MB each. The player lists them in this order."
        error={error}
        accept={EXTENSIONS.join(",")}
        multiple
        disabled={disabled}
        prompt="Drop subtitle files here, or"
        onFiles={add}
      />
      {value.length > 0 && (
        <ol className="subtitle-files">
          {value.map((track, index) => (
            // Files have no id (the same one may be added twice): the position is the key.
            <li key={index}>
              <fieldset className="subtitle-files__track" disabled={disabled}>
                <legend className="subtitle-files__name">
                  {track.file.name}{" "}
                  <span className="subtitle-files__size">{formatBytes(track.file.size)}</span>
                </legend>
                <TextField
                  label="Language"
                  hint="A two- or three-letter code: en, fr, pt."
                  required
                  pattern="[a-z]{2,3}"
                  maxLength={3}
                  autoComplete="off"
                  value={track.language}
                  onChange={(event) => change(index, { language: event.target.value.trim() })}
                />
                <TextField
                  label="Label (optional)"
                  hint="What the player's menu shows; the language's name when empty."
                  maxLength={100}
                  autoComplete="off"
                  value={track.label}
                  onChange={(event) => change(index, { label: event.target.value })}
                />
                <button
                  type="button"
                  className="button button--secondary button--small"
                  onClick={() => onChange(value.filter((_, at) => at !== index))}
                >
                  Remove<span className="visually-hidden"> {track.file.name}</span>
                </button>
              </fieldset>
            </li>
          ))}
        </ol>
      )}
    </>
  );
}
