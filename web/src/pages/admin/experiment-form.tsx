/**
 * The experiment editor's form, for a new experiment or a saved one: what
 * it is, its variants, who is in it, what it measures and when it runs.
 * Saving sends the whole definition; the server's validation messages
 * (400) and the changes a running experiment refuses (409) are shown next
 * to the fields they are about, and anything else above the buttons.
 */
import { useState, type FormEvent } from "react";
import type { ExperimentDefinition, ExperimentStatus } from "../../api/types.ts";
import { ChoiceGroup } from "../../components/choice-group.tsx";
import { ErrorMessage } from "../../components/error-message.tsx";
import { Field, TextField } from "../../components/field.tsx";
import { useAsyncAction } from "../../hooks/use-async-action.ts";
import { fieldErrors } from "../../util/field-errors.ts";
import {
  definitionOf,
  fieldPathsOf,
  newVariant,
  type ExperimentDraft,
  type KidsTarget,
} from "./experiment-draft.ts";
import {
  DEVICE_LABELS,
  DEVICE_TYPES,
  METRIC_LABELS,
  METRICS,
  STATUS_LABELS,
  VARIANT_LIMITS,
} from "./experiment-facts.ts";
import { VariantFieldset } from "./variant-fieldset.tsx";
import "./experiment-form.css";

const KIDS_CHOICES: { value: KidsTarget; label: string }[] = [
  { value: "everyone", label: "Every profile" },
  { value: "kids", label: "Kids profiles only" },
  { value: "grown-ups", label: "Grown-up profiles only" },
];

interface ExperimentFormProps {
  initial: ExperimentDraft;
  /** The statuses it may be saved with (a new experiment cannot start stopped). */
  statuses: readonly ExperimentStatus[];
  submitLabel: string;
  /** Shown, not edited (a stopped experiment is final). */
  readOnly?: boolean;
  onSave: (definition: ExperimentDefinition) => Promise<void>;
}

export function ExperimentForm({
  initial,
  statuses,
  submitLabel,
  readOnly = false,
  onSave,
}: ExperimentFormProps) {
  const [draft, setDraft] = useState(initial);
  const save = useAsyncAction();
  const errors = fieldErrors(save.error, fieldPathsOf(draft));
  const change = (fields: Partial<ExperimentDraft>) => setDraft((old) => ({ ...old, ...fields }));
  const totalWeight = draft.variants.reduce(
    (sum, variant) => sum + (Number(variant.weight) > 0 ? Number(variant.weight) : 0),
    0,
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    void save.run(() => onSave(definitionOf(draft)));
  }

  function addVariant() {
    const number = draft.variants.length + 1;
    change({ variants: [...draft.variants, newVariant(`variant-${number}`, `Variant ${number}`)] });
  }

  return (
    <form className="experiment-form" noValidate onSubmit={submit}>
      <fieldset className="experiment-form__fields" disabled={readOnly}>
        <section className="panel" aria-labelledby="experiment-about">
          <h2 id="experiment-about">About</h2>
          <TextField
            label="Name"
            value={draft.name}
            onChange={(event) => change({ name: event.target.value })}
            error={errors.at("name")}
            autoComplete="off"
          />
          <Field label="Description" hint="What it tests and why." error={errors.at("description")}>
            {(control) => (
              <textarea
                className="field__input experiment-form__description"
                value={draft.description}
                onChange={(event) => change({ description: event.target.value })}
                {...control}
              />
            )}
          </Field>
        </section>

        <section className="panel" aria-labelledby="experiment-variants">
          <h2 id="experiment-variants">Variants</h2>
          <p className="panel__text">
            The first variant is the control; results compare every other variant with it. Weights
            split the experiment's people between variants.
          </p>
          {errors.at("variants") && <p className="field__error">{errors.at("variants")}</p>}
          <div className="experiment-form__variants">
            {draft.variants.map((variant, index) => (
              <VariantFieldset
                key={variant.id}
                index={index}
                variant={variant}
                totalWeight={totalWeight}
                errorAt={errors.at}
                onChange={(changed) =>
                  change({
                    variants: draft.variants.map((old, at) => (at === index ? changed : old)),
                  })
                }
                onRemove={
                  index > 0 && draft.variants.length > VARIANT_LIMITS.min
                    ? () => change({ variants: draft.variants.filter((_, at) => at !== index) })
                    : undefined
                }
              />
            ))}
          </div>
          {draft.variants.length < VARIANT_LIMITS.max && (
            <button type="button" className="button button--secondary" onClick={addVariant}>
              Add variant
            </button>
          )}
        </section>

        <section className="panel" aria-labelledby="experiment-audience">
          <h2 id="experiment-audience">Who is in it</h2>
          <TextField
            label="Allocation (%)"
            hint="Of the profiles that match the targeting, the share that enters the experiment. A running experiment's allocation can only rise."
            inputMode="numeric"
            value={draft.allocationPercent}
            onChange={(event) => change({ allocationPercent: event.target.value })}
            error={errors.at("allocationPercent")}
          />
          <TextField
            label="Countries"
            hint="ISO codes separated by commas (DE, FR, US). Blank for every country."
            value={draft.countries}
            onChange={(event) => change({ countries: event.target.value })}
            error={errors.at("targeting.countries")}
            autoComplete="off"
            spellCheck={false}
          />
          <ChoiceGroup
            legend="Device types"
            type="checkbox"
            hint="None ticked: every device."
            options={DEVICE_TYPES.map((value) => ({ value, label: DEVICE_LABELS[value] }))}
            selected={draft.deviceTypes}
            onChange={(deviceTypes) => change({ deviceTypes })}
            error={errors.at("targeting.deviceTypes")}
          />
          <ChoiceGroup
            legend="Profiles"
            type="radio"
            options={KIDS_CHOICES}
            selected={[draft.kids]}
            onChange={([kids]) => kids && change({ kids })}
            error={errors.at("targeting.kids")}
          />
          {errors.at("targeting") && <p className="field__error">{errors.at("targeting")}</p>}
        </section>

        <section className="panel" aria-labelledby="experiment-measures">
          <h2 id="experiment-measures">Metrics and schedule</h2>
          <ChoiceGroup
            legend="Metrics"
            type="checkbox"
            options={METRICS.map((value) => ({ value, label: METRIC_LABELS[value] }))}
            selected={draft.metrics}
            onChange={(metrics) => change({ metrics })}
            error={errors.at("metrics")}
          />
          <div className="experiment-form__schedule">
            <TextField
              label="Starts"
              type="datetime-local"
              hint="Blank: as soon as it is running."
              value={draft.startsAt}
              onChange={(event) => change({ startsAt: event.target.value })}
              error={errors.at("startsAt")}
            />
            <TextField
              label="Ends"
              type="datetime-local"
              hint="Blank: until it is stopped."
              value={draft.endsAt}
              onChange={(event) => change({ endsAt: event.target.value })}
              error={errors.at("endsAt")}
            />
          </div>
          <Field label="Status" error={errors.at("status")}>
            {(control) => (
              <select
                className="field__input experiment-form__status"
                value={draft.status}
                onChange={(event) => change({ status: event.target.value as ExperimentStatus })}
                {...control}
              >
                {statuses.map((status) => (
                  <option key={status} value={status}>
                    {STATUS_LABELS[status]}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </section>
      </fieldset>
      <ErrorMessage error={save.error} inlineFields={errors.placed} />
      {!readOnly && (
        <div className="form-actions">
          <button type="submit" className="button button--primary" disabled={save.pending}>
            {save.pending ? "Saving…" : submitLabel}
          </button>
        </div>
      )}
    </form>
  );
}
