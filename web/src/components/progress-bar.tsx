/**
 * A labelled progress bar on the native <progress>, so assistive technology
 * reads it as a progressbar with its value (and `valueText` where a percent
 * alone says too little: "31%, 12 MB of 40 MB").
 */
import { useId } from "react";
import "./progress-bar.css";

interface ProgressBarProps {
  label: string;
  /** The label for screen readers only, where the bar's context already shows it. */
  hideLabel?: boolean;
  value: number;
  max: number;
  valueText?: string;
}

export function ProgressBar({ label, hideLabel = false, value, max, valueText }: ProgressBarProps) {
  const id = useId();
  return (
    <div className="progress-bar">
      <label htmlFor={id} className={hideLabel ? "visually-hidden" : "field__label"}>
        {label}
      </label>
      <progress
        id={id}
        className="progress-bar__bar"
        value={value}
        max={max}
        aria-valuetext={valueText}
      />
    </div>
  );
}
