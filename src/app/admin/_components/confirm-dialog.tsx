"use client";
// A modal confirmation on the native <dialog>: focus moves in and back, Escape cancels, and the
// safe choice (Cancel) has the focus first.
import { useEffect, useRef } from "react";
import styles from "./sale-editor.module.css";

export function ConfirmDialog(props: {
  open: boolean;
  title: string;
  body: string;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (props.open && !dialog.open) dialog.showModal();
    if (!props.open && dialog.open) dialog.close();
  }, [props.open]);

  return (
    <dialog
      ref={ref}
      className={styles.dialog}
      aria-labelledby="confirm-title"
      aria-describedby="confirm-body"
      onClose={props.onCancel}
    >
      <h2 id="confirm-title">{props.title}</h2>
      <p id="confirm-body">{props.body}</p>
      <div className={styles.dialogButtons}>
        <button type="button" className={styles.secondaryButton} onClick={props.onCancel} autoFocus>
          Cancel
        </button>
        <button type="button" className={styles.dangerButton} onClick={props.onConfirm}>
          {props.confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
