/**
 * A file input that also takes files dropped onto it. Dropping is for
 * pointers only, so the way in for keyboards and screen readers stays a
 * real, labelled file input; the zone around it is a bigger target that
 * lights up while files are dragged over it.
 */
import { useState, type DragEvent, type ReactNode } from "react";
import { Field } from "./field.tsx";
import "./file-drop-zone.css";

interface FileDropZoneProps {
  label: string;
  hint?: ReactNode;
  error?: string | undefined;
  /** File types the picker offers (a drop can bring any: check what arrives). */
  accept: string;
  multiple?: boolean;
  disabled?: boolean;
  /** What the zone says to pointer users ("Drop the video here"). */
  prompt: string;
  onFiles: (files: File[]) => void;
  /** Shown inside the zone, under the prompt: what was chosen. */
  children?: ReactNode;
}

export function FileDropZone({
  label,
  hint,
  error,
  accept,
  multiple = false,
  disabled = false,
  prompt,
  onFiles,
  children,
}: FileDropZoneProps) {
  const [dragging, setDragging] = useState(false);

  function onDragOver(event: DragEvent) {
    if (disabled || !event.dataTransfer.types.includes("Files")) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "copy";
    setDragging(true);
  }

  function onDragLeave(event: DragEvent) {
    // Moving over the zone's own children is not leaving it.
    if (!(event.relatedTarget instanceof Node && event.currentTarget.contains(event.relatedTarget)))
      setDragging(false);
  }

  function onDrop(event: DragEvent) {
    event.preventDefault();
    setDragging(false);
    const files = [...event.dataTransfer.files];
    if (!disabled && files.length > 0) onFiles(multiple ? files : files.slice(0, 1));
  }

  return (
    <Field label={label} hint={hint} error={error}>
      {(control) => (
        <div
          className={dragging ? "drop-zone drop-zone--dragging" : "drop-zone"}
          onDragOver={onDragOver}
          onDragLeave={onDragLeave}
          onDrop={onDrop}
        >
          <p className="drop-zone__prompt" aria-hidden="true">
            {prompt}
          </p>
          <input
            type="file"
            className="drop-zone__input"
            accept={accept}
            multiple={multiple}
            disabled={disabled}
            onChange={(event) => {
              const files = [...(event.target.files ?? [])];
              // Cleared, so choosing the same file again still counts as a choice.
              event.target.value = "";
              if (files.length > 0) onFiles(files);
            }}
            {...control}
          />
          {children}
        </div>
      )}
    </Field>
  );
}
