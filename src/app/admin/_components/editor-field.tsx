// One labelled editor field (or switch): its hint and its errors are tied to the control with
// aria-describedby, and aria-invalid marks it while an error stands.
import type { ReactNode } from "react";
import styles from "./sale-editor.module.css";

export interface ControlProps {
  id: string;
  name: string;
  "aria-invalid": true | undefined;
  "aria-describedby": string | undefined;
}

export function EditorField(props: {
  name: string;
  label: string;
  hint?: ReactNode;
  errors?: string[];
  children: (control: ControlProps) => ReactNode;
}) {
  const id = `sale-${props.name}`;
  const hintId = props.hint ? `${id}-hint` : undefined;
  const errorId = props.errors?.length ? `${id}-error` : undefined;
  return (
    <div className={styles.field}>
      <label htmlFor={id} className={styles.label}>
        {props.label}
      </label>
      {props.children({
        id,
        name: props.name,
        "aria-invalid": errorId ? true : undefined,
        "aria-describedby": [errorId, hintId].filter(Boolean).join(" ") || undefined,
      })}
      {errorId && (
        <p id={errorId} className={styles.error}>
          {props.errors!.join(" ")}
        </p>
      )}
      {hintId && (
        <p id={hintId} className={styles.hint}>
          {props.hint}
        </p>
      )}
    </div>
  );
}

/** An on/off setting: a checkbox announced as a switch, its label beside it, hint and errors below. */
export function EditorSwitch(props: {
  name: string;
  label: string;
  hint?: ReactNode;
  errors?: string[];
  checked: boolean;
  disabled?: boolean;
  onChange: (checked: boolean) => void;
}) {
  const id = `sale-${props.name}`;
  const hintId = props.hint ? `${id}-hint` : undefined;
  const errorId = props.errors?.length ? `${id}-error` : undefined;
  return (
    <div className={styles.switchField}>
      <div className={styles.switchRow}>
        <input
          id={id}
          name={props.name}
          type="checkbox"
          role="switch"
          className={styles.switch}
          checked={props.checked}
          disabled={props.disabled}
          onChange={(event) => props.onChange(event.target.checked)}
          aria-invalid={errorId ? true : undefined}
          aria-describedby={[errorId, hintId].filter(Boolean).join(" ") || undefined}
        />
        <label htmlFor={id} className={styles.label}>
          {props.label}
        </label>
      </div>
      {errorId && (
        <p id={errorId} className={styles.error}>
          {props.errors!.join(" ")}
        </p>
      )}
      {hintId && (
        <p id={hintId} className={styles.hint}>
          {props.hint}
        </p>
      )}
    </div>
  );
}
