"use client";
// A storefront confirmation on the native <dialog>: focus moves in (to the safe choice) and back to
// the button that opened it, Escape keeps things as they were.
import { useEffect, useId, useRef } from "react";
import styles from "./storefront.module.css";

export function ConfirmDialog(props: {
  open: boolean;
  title: string;
  children: React.ReactNode;
  confirmLabel: string;
  cancelLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
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
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-body`}
      onClose={props.onCancel}
    >
      <h2 id={`${id}-title`}>{props.title}</h2>
      <p id={`${id}-body`}>{props.children}</p>
      <div className={styles.dialogButtons}>
        <button type="button" className={styles.button} onClick={props.onCancel} autoFocus>
          {props.cancelLabel}
        </button>
        <button type="button" className={`${styles.button} ${styles.buttonQuiet}`} onClick={props.onConfirm}>
          {props.confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
