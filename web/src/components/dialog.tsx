/**
 * A modal dialog on the native <dialog>: the browser keeps focus inside and
 * makes the rest of the page inert; Escape or a click on the backdrop closes
 * it, and focus goes back to whatever opened it. Mount it to open it.
 * A wide dialog (a title's details) may lead with artwork above its title.
 */
import { useId, useLayoutEffect, useRef, type ReactNode } from "react";
import "./dialog.css";

interface DialogProps {
  title: string;
  onClose: () => void;
  children: ReactNode;
  wide?: boolean;
  /** Decorative artwork at the top of the panel, behind the title. */
  art?: ReactNode;
}

export function Dialog({ title, onClose, children, wide = false, art }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useLayoutEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    dialog.showModal();
    // showModal focuses the first focusable element; a form's first field is the better start.
    dialog.querySelector<HTMLElement>("[data-autofocus]")?.focus();
    return () => {
      dialog.close();
      opener?.focus();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      className={wide ? "dialog dialog--wide" : "dialog"}
      aria-labelledby={titleId}
      onCancel={(event) => {
        // Escape: let the owner unmount us, so its state stays the truth.
        event.preventDefault();
        onClose();
      }}
      onClick={(event) => {
        if (event.target === event.currentTarget) onClose();
      }}
    >
      <div className="dialog__panel">
        {art}
        <h2 id={titleId} className="dialog__title">
          {title}
        </h2>
        {children}
        <button type="button" className="dialog__close" onClick={onClose}>
          <span aria-hidden="true">×</span>
          <span className="visually-hidden">Close</span>
        </button>
      </div>
    </dialog>
  );
}
