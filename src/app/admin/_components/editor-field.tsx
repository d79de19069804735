// One labelled editor field (or switch, or choice of a few): its hint and its errors are tied to
// the control with aria-describedby, and aria-invalid marks it while an error stands.
import type { ReactNode } from "react";
import type { SaleField, SaleTextField } from "~/lib/sale-form/schema";
import styles from "./sale-editor.module.css";

/** The editor's helpers: a field's label, hint (or lock reason) and errors; a text control's value. */
export type FieldFor = (
  name: SaleField,
  label: string,
  hint?: ReactNode,
) => { name: string; label: string; errors?: string[]; hint?: ReactNode };
export type TextFor = (name: SaleTextField) => {
  value: string;
  disabled: boolean;
  onChange: (event: { target: { value: string } }) => void;
};

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

/**
 * One of a few options, as radio buttons in a fieldset: the legend names the choice, each option
 * has its own description, and the group's hint and errors describe the whole. The first radio
 * carries the field's id, so "focus the first field in error" lands on the group.
 */
export function EditorChoice<V extends string>(props: {
  name: string;
  legend: string;
  hint?: ReactNode;
  errors?: string[];
  options: ReadonlyArray<{ value: V; label: string; description: ReactNode }>;
  value: V;
  disabled?: boolean;
  onChange: (value: V) => void;
}) {
  const id = `sale-${props.name}`;
  const hintId = props.hint ? `${id}-hint` : undefined;
  const errorId = props.errors?.length ? `${id}-error` : undefined;
  return (
    // A radiogroup so the error state belongs to the group: a single radio cannot be invalid alone.
    <fieldset
      className={styles.choice}
      role="radiogroup"
      aria-labelledby={`${id}-legend`}
      aria-invalid={errorId ? true : undefined}
      aria-describedby={[errorId, hintId].filter(Boolean).join(" ") || undefined}
      disabled={props.disabled}
    >
      <legend id={`${id}-legend`} className={styles.label}>
        {props.legend}
      </legend>
      <div className={styles.choiceOptions}>
        {props.options.map((option, index) => {
          const optionId = index === 0 ? id : `${id}-${option.value}`;
          return (
            <div key={option.value} className={styles.choiceOption}>
              <input
                id={optionId}
                type="radio"
                name={props.name}
                value={option.value}
                checked={props.value === option.value}
                onChange={() => props.onChange(option.value)}
                aria-describedby={`${optionId}-description`}
              />
              <label htmlFor={optionId} className={styles.choiceLabel}>
                {option.label}
              </label>
              <p id={`${optionId}-description`} className={styles.hint}>
                {option.description}
              </p>
            </div>
          );
        })}
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
    </fieldset>
  );
}
