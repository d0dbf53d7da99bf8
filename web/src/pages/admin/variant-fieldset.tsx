/**
 * One variant in the experiment editor: its key, name and weight (with the
 * share of the experiment's people that weight gives it), then the product
 * config it sets — home row order, card artwork, ABR policy. The first
 * variant is the control the results compare every other with.
 */
import { useId } from "react";
import type { CardArtwork } from "../../../../lib/experiments/definition.ts";
import { Field, TextField } from "../../components/field.tsx";
import { AbrConfigFields } from "./abr-config-fields.tsx";
import type { VariantDraft } from "./experiment-draft.ts";
import { ARTWORK_LABELS, ARTWORKS } from "./experiment-facts.ts";
import { HomeRowOrderField } from "./home-row-order-field.tsx";

interface VariantFieldsetProps {
  index: number;
  variant: VariantDraft;
  /** The weights' total, for this variant's share. */
  totalWeight: number;
  onChange: (variant: VariantDraft) => void;
  /** Absent when the experiment needs every variant it has. */
  onRemove: (() => void) | undefined;
  errorAt: (path: string) => string | undefined;
}

export function VariantFieldset({
  index,
  variant,
  totalWeight,
  onChange,
  onRemove,
  errorAt,
}: VariantFieldsetProps) {
  const path = `variants.${index}`;
  const legend = index === 0 ? "Variant 1 (control)" : `Variant ${index + 1}`;
  const weight = Number(variant.weight);
  const share =
    Number.isFinite(weight) && weight > 0 && totalWeight > 0
      ? `${Math.round((weight / totalWeight) * 100)}% of the people in the experiment.`
      : "A whole number from 1 to 1000.";
  const change = (fields: Partial<VariantDraft>) => onChange({ ...variant, ...fields });
  const variantError = errorAt(path);
  const errorId = useId();

  return (
    <fieldset className="variant" aria-describedby={variantError ? errorId : undefined}>
      <legend className="variant__legend">{legend}</legend>
      <div className="variant__basics">
        <TextField
          label="Key"
          hint="Lower-case letters, digits and '-'; fixed once the experiment runs."
          value={variant.key}
          onChange={(event) => change({ key: event.target.value })}
          error={errorAt(`${path}.key`)}
          autoComplete="off"
          spellCheck={false}
        />
        <TextField
          label="Name"
          value={variant.name}
          onChange={(event) => change({ name: event.target.value })}
          error={errorAt(`${path}.name`)}
        />
        <TextField
          label="Weight"
          hint={share}
          inputMode="numeric"
          value={variant.weight}
          onChange={(event) => change({ weight: event.target.value })}
          error={errorAt(`${path}.weight`)}
        />
      </div>
      <HomeRowOrderField
        variantName={variant.name || legend}
        order={variant.homeRowOrder}
        onChange={(homeRowOrder) => change({ homeRowOrder })}
        error={errorAt(`${path}.config.homeRowOrder`)}
      />
      <Field label="Card artwork" error={errorAt(`${path}.config.artwork`)}>
        {(control) => (
          <select
            className="field__input"
            value={variant.artwork}
            onChange={(event) => change({ artwork: event.target.value as CardArtwork | "" })}
            {...control}
          >
            <option value="">As the product shows it</option>
            {ARTWORKS.map((artwork) => (
              <option key={artwork} value={artwork}>
                {ARTWORK_LABELS[artwork]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <AbrConfigFields variant={variant} onChange={change} errorAt={errorAt} path={path} />
      {variantError && (
        <p id={errorId} className="field__error">
          {variantError}
        </p>
      )}
      {onRemove && (
        <button type="button" className="button button--danger button--small" onClick={onRemove}>
          Remove variant {index + 1}
        </button>
      )}
    </fieldset>
  );
}
