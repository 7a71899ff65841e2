import { useId, type ReactNode } from "react";

export interface ProgressBarProps {
  value: number;
  max: number;
  label: ReactNode;
  /** Extra visible text after the percentage, e.g. "312 of 400 sites verified". */
  valueText?: string;
  id?: string;
}

/** Percentage as shown to users: 0–100, rounded down so 99.6% never reads as 100%. */
export function progressPercent(value: number, max: number): number {
  if (!Number.isFinite(value) || !Number.isFinite(max) || max <= 0) return 0;
  const ratio = Math.min(Math.max(value / max, 0), 1);
  return Math.floor(ratio * 100);
}

/**
 * A native <progress> with its label and the figure in words. The design systems have no
 * percentage bar: MOJ Frontend's "progress bar" is a list of steps in a journey, not a measure, so
 * this keeps app-progress styles and a govuk-label.
 */
export function ProgressBar({ value, max, label, valueText, id }: ProgressBarProps) {
  const generatedId = useId();
  const progressId = id ?? `${generatedId}-progress`;
  const safeMax = Number.isFinite(max) && max > 0 ? max : 1;
  const safeValue = Number.isFinite(value) ? Math.min(Math.max(value, 0), safeMax) : 0;
  const percent = progressPercent(value, max);
  return (
    <div className="app-progress">
      <label className="govuk-label app-progress__label" htmlFor={progressId}>
        {label}
      </label>
      <progress
        id={progressId}
        className="app-progress__bar"
        value={safeValue}
        max={safeMax}
        aria-valuetext={valueText ? `${percent}% (${valueText})` : `${percent}%`}
      >
        {percent}%
      </progress>
      <p className="app-progress__value">
        <strong>{percent}%</strong>
        {valueText ? <span className="app-progress__value-text"> {valueText}</span> : null}
      </p>
    </div>
  );
}
