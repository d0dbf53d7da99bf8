/**
 * A variant's ABR policy: a name (the QoE dashboards slice by it) and the
 * parameters it changes, each blank to keep the shipped value, which the
 * field shows as its placeholder.
 */
import type { AbrParams } from "../../../../lib/abr/policy.ts";
import { DEFAULT_ABR_PARAMS } from "../../../../lib/abr/policy.ts";
import { TextField } from "../../components/field.tsx";
import { ABR_PARAM_LABELS, ABR_PARAMS } from "./experiment-facts.ts";
import type { VariantDraft } from "./experiment-draft.ts";

interface AbrConfigFieldsProps {
  variant: VariantDraft;
  onChange: (change: Pick<VariantDraft, "abrPolicy" | "abrParams">) => void;
  errorAt: (path: string) => string | undefined;
  /** This variant's path in the request ("variants.1"), for its errors. */
  path: string;
}

export function AbrConfigFields({ variant, onChange, errorAt, path }: AbrConfigFieldsProps) {
  const setParam = (param: keyof AbrParams, value: string) =>
    onChange({ abrPolicy: variant.abrPolicy, abrParams: { ...variant.abrParams, [param]: value } });
  const paramErrors = ABR_PARAMS.some((param) => errorAt(`${path}.config.abr.params.${param}`));
  const anyParam = ABR_PARAMS.some((param) => variant.abrParams[param]?.trim());
  return (
    <div className="abr-config">
      <TextField
        label="ABR policy name"
        hint="Blank keeps the shipped policy. Changed parameters need a name of their own (e.g. cautious-start): the QoE dashboard compares policies by name."
        value={variant.abrPolicy}
        onChange={(event) =>
          onChange({ abrPolicy: event.target.value, abrParams: variant.abrParams })
        }
        error={errorAt(`${path}.config.abr.policy`) ?? errorAt(`${path}.config.abr`)}
        autoComplete="off"
        spellCheck={false}
      />
      <details className="abr-config__params" open={paramErrors || anyParam}>
        <summary>ABR parameters</summary>
        <div className="abr-config__grid">
          {ABR_PARAMS.map((param) => (
            <TextField
              key={param}
              label={ABR_PARAM_LABELS[param]}
              inputMode="decimal"
              placeholder={String(DEFAULT_ABR_PARAMS[param])}
              value={variant.abrParams[param] ?? ""}
              onChange={(event) => setParam(param, event.target.value)}
              error={errorAt(`${path}.config.abr.params.${param}`)}
            />
          ))}
        </div>
      </details>
    </div>
  );
}
