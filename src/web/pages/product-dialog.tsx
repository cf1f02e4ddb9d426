import { useEffect, useId, useState } from 'react';
import type { FormEvent } from 'react';
import { api, DEVICE_CLASSES, REGULATORY_PATHWAYS } from '../api.ts';
import type { DeviceClass, Problem, Product, ProductInput, RegulatoryPathway } from '../api.ts';
import { PATHWAY_LABELS, parseMarkets } from '../format.ts';
import { Dialog, ProblemView, allErrorsOnFields, fieldErrors, toProblemOf } from '../ui.tsx';

interface Draft {
  name: string;
  manufacturer: string;
  model: string;
  slug: string;
  deviceClass: string;
  regulatoryPathway: string;
  includesSoftware: boolean;
  connectsToInternet: boolean;
  vulnerableCharacteristics: boolean;
  markets: string;
  serviceLifeYears: string;
  intendedUse: string;
}

/** Fields that show their own validation message. */
const FIELDS = ['name', 'manufacturer', 'model', 'slug', 'deviceClass', 'regulatoryPathway', 'markets', 'serviceLifeYears', 'intendedUse'];

const EMPTY: Draft = {
  name: '',
  manufacturer: '',
  model: '',
  slug: '',
  deviceClass: '',
  regulatoryPathway: '',
  includesSoftware: true,
  connectsToInternet: false,
  vulnerableCharacteristics: false,
  markets: 'US',
  serviceLifeYears: '',
  intendedUse: '',
};

function toInput(draft: Draft): ProductInput {
  const years = draft.serviceLifeYears.trim();
  return {
    name: draft.name.trim(),
    manufacturer: draft.manufacturer.trim(),
    model: draft.model.trim(),
    ...(draft.slug.trim() ? { slug: draft.slug.trim() } : {}),
    deviceClass: (draft.deviceClass || null) as DeviceClass | null,
    regulatoryPathway: (draft.regulatoryPathway || null) as RegulatoryPathway | null,
    cyberDeviceCriteria: {
      includesSoftware: draft.includesSoftware,
      connectsToInternet: draft.connectsToInternet,
      vulnerableCharacteristics: draft.vulnerableCharacteristics,
    },
    markets: parseMarkets(draft.markets),
    // Left out when empty rather than sent as null: the server's schema coercion turns null into 0.
    ...(years === '' ? {} : { serviceLifeYears: Number(years) }),
    intendedUse: draft.intendedUse.trim() || null,
  };
}

export function ProductDialog({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (product: Product) => void }) {
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const formId = useId();
  useEffect(() => {
    if (open) {
      setDraft(EMPTY);
      setProblem(null);
      setBusy(false);
    }
  }, [open]);

  const errors = fieldErrors(problem);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const cyber = draft.includesSoftware && draft.connectsToInternet && draft.vulnerableCharacteristics;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      onCreated(await api.createProduct(toInput(draft)));
    } catch (error) {
      setProblem(toProblemOf(error));
    } finally {
      setBusy(false);
    }
  }

  const text = (key: keyof Draft & string, label: string, props: { required?: boolean; placeholder?: string; hint?: string } = {}) => (
    <div className="field">
      <label htmlFor={`${formId}-${key}`}>
        {label}
        {props.required ? <span className="required" aria-hidden="true"> *</span> : null}
      </label>
      <input
        id={`${formId}-${key}`}
        name={key}
        value={draft[key] as string}
        required={props.required}
        placeholder={props.placeholder}
        aria-invalid={errors[key] ? true : undefined}
        aria-describedby={errors[key] ? `${formId}-${key}-error` : props.hint ? `${formId}-${key}-hint` : undefined}
        onChange={(e) => set(key, e.target.value as never)}
        data-testid={`product-${key}`}
      />
      {errors[key] ? (
        <p className="field-error" id={`${formId}-${key}-error`}>
          {errors[key]}
        </p>
      ) : props.hint ? (
        <p className="field-hint" id={`${formId}-${key}-hint`}>
          {props.hint}
        </p>
      ) : null}
    </div>
  );

  return (
    <Dialog
      title="New product"
      open={open}
      onClose={onClose}
      testId="product-dialog"
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" form={formId} className="button button-primary" disabled={busy} data-testid="product-submit">
            {busy ? 'Creating…' : 'Create product'}
          </button>
        </>
      }
    >
      <form id={formId} className="form" onSubmit={submit} noValidate>
        {problem ? <ProblemView problem={problem} testId="product-problem" listErrors={!allErrorsOnFields(problem, FIELDS)} /> : null}
        <div className="grid-2">
          {text('name', 'Name', { required: true, placeholder: 'Infusion pump' })}
          {text('manufacturer', 'Manufacturer', { required: true })}
          {text('model', 'Model', { required: true, placeholder: 'IP-200' })}
          {text('slug', 'Slug', { placeholder: 'derived from the name', hint: 'Used in links; leave empty to derive it.' })}
          <div className="field">
            <label htmlFor={`${formId}-deviceClass`}>Device class</label>
            <select id={`${formId}-deviceClass`} value={draft.deviceClass} onChange={(e) => set('deviceClass', e.target.value)}>
              <option value="">Not set</option>
              {DEVICE_CLASSES.map((c) => (
                <option key={c} value={c}>
                  Class {c}
                </option>
              ))}
            </select>
            {errors.deviceClass ? <p className="field-error">{errors.deviceClass}</p> : null}
          </div>
          <div className="field">
            <label htmlFor={`${formId}-pathway`}>Regulatory pathway</label>
            <select id={`${formId}-pathway`} value={draft.regulatoryPathway} onChange={(e) => set('regulatoryPathway', e.target.value)}>
              <option value="">Not set</option>
              {REGULATORY_PATHWAYS.map((p) => (
                <option key={p} value={p}>
                  {PATHWAY_LABELS[p]}
                </option>
              ))}
            </select>
            {errors.regulatoryPathway ? <p className="field-error">{errors.regulatoryPathway}</p> : null}
          </div>
          {text('markets', 'Markets', { placeholder: 'US, EU', hint: 'Country or region codes, separated by commas.' })}
          <div className="field">
            <label htmlFor={`${formId}-serviceLifeYears`}>Service life (years)</label>
            <input
              id={`${formId}-serviceLifeYears`}
              type="number"
              min={0}
              step={1}
              inputMode="numeric"
              value={draft.serviceLifeYears}
              aria-invalid={errors.serviceLifeYears ? true : undefined}
              onChange={(e) => set('serviceLifeYears', e.target.value)}
            />
            {errors.serviceLifeYears ? <p className="field-error">{errors.serviceLifeYears}</p> : null}
          </div>
        </div>
        <fieldset className="fieldset">
          <legend>Section 524B cyber device criteria</legend>
          <label className="check">
            <input type="checkbox" checked={draft.includesSoftware} onChange={(e) => set('includesSoftware', e.target.checked)} />
            Includes software validated, installed or authorised by the sponsor
          </label>
          <label className="check">
            <input type="checkbox" checked={draft.connectsToInternet} onChange={(e) => set('connectsToInternet', e.target.checked)} />
            Has the ability to connect to the internet
          </label>
          <label className="check">
            <input
              type="checkbox"
              checked={draft.vulnerableCharacteristics}
              onChange={(e) => set('vulnerableCharacteristics', e.target.checked)}
            />
            Contains technological characteristics that could be vulnerable to cybersecurity threats
          </label>
          <p className="field-hint">{cyber ? 'This product is a cyber device.' : 'A product is a cyber device when all three apply.'}</p>
        </fieldset>
        <div className="field">
          <label htmlFor={`${formId}-intendedUse`}>Intended use</label>
          <textarea id={`${formId}-intendedUse`} rows={3} value={draft.intendedUse} onChange={(e) => set('intendedUse', e.target.value)} />
          {errors.intendedUse ? <p className="field-error">{errors.intendedUse}</p> : null}
        </div>
      </form>
    </Dialog>
  );
}
