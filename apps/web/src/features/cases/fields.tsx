import {
  Checkbox,
  Field,
  Fieldset,
  Label,
  Radio,
  Select,
  Textfield,
  ValidationMessage,
} from '@digdir/designsystemet-react';
import { createContext, useContext, useMemo, type ReactNode } from 'react';

export type FieldErrors = Record<string, string>;

/** Ids of fields inside one form: `<form>-<field>`, so the error summary can link to them. */
export type FieldId = (field: string) => string;

const FormFieldsContext = createContext<{ fieldId: FieldId; errors: FieldErrors } | null>(null);

/** The form the fields inside belong to: their ids and the errors of the last check. */
export function FormFields(props: { fieldId: FieldId; errors: FieldErrors; children: ReactNode }) {
  const { fieldId, errors } = props;
  const value = useMemo(() => ({ fieldId, errors }), [fieldId, errors]);
  return <FormFieldsContext.Provider value={value}>{props.children}</FormFieldsContext.Provider>;
}

/** A field's element id and its error, from the form it is in. */
function useField(name: string): { id: string; error: string | undefined } {
  const form = useContext(FormFieldsContext);
  if (!form) throw new Error(`The field "${name}" is not inside <FormFields>`);
  return { id: form.fieldId(name), error: form.errors[name] };
}

interface Common {
  name: string;
  legend: string;
  description?: string;
}

/** Options as given: a value → label record, or pairs in the order to show them. */
function optionEntries<T extends string>(options: Record<T, string> | [T, string][]): [T, string][] {
  return Array.isArray(options) ? options : (Object.entries(options) as [T, string][]);
}

export function RadioGroup<T extends string>(
  props: Common & { options: Record<T, string> | [T, string][]; defaultValue?: T },
) {
  const entries = optionEntries(props.options);
  const { id, error } = useField(props.name);
  return (
    <Fieldset id={id} tabIndex={-1}>
      <Fieldset.Legend>{props.legend}</Fieldset.Legend>
      {props.description && <Fieldset.Description>{props.description}</Fieldset.Description>}
      {entries.map(([value, label]) => (
        <Radio
          key={value}
          name={props.name}
          value={value}
          label={label}
          defaultChecked={props.defaultValue === value}
          aria-invalid={error ? true : undefined}
        />
      ))}
      {error && <ValidationMessage>{error}</ValidationMessage>}
    </Fieldset>
  );
}

export function CheckboxGroup<T extends string>(
  props: Common & { options: Record<T, string> | [T, string][]; defaultValues?: T[] },
) {
  const entries = optionEntries(props.options);
  const { id, error } = useField(props.name);
  return (
    <Fieldset id={id} tabIndex={-1}>
      <Fieldset.Legend>{props.legend}</Fieldset.Legend>
      {props.description && <Fieldset.Description>{props.description}</Fieldset.Description>}
      {entries.map(([value, label]) => (
        <Checkbox
          key={value}
          name={props.name}
          value={value}
          label={label}
          defaultChecked={props.defaultValues?.includes(value)}
        />
      ))}
      {error && <ValidationMessage>{error}</ValidationMessage>}
    </Fieldset>
  );
}

export function YesCheckbox(props: { name: string; label: string }) {
  const { id, error } = useField(props.name);
  return <Checkbox id={id} name={props.name} label={props.label} error={error} />;
}

export function TextArea(props: { name: string; label: string; description?: string; maxLength?: number }) {
  const { id, error } = useField(props.name);
  return (
    <Textfield
      multiline
      rows={3}
      id={id}
      name={props.name}
      label={props.label}
      description={props.description}
      error={error}
      maxLength={props.maxLength ?? 2000}
    />
  );
}

export function TextInput(props: {
  name: string;
  label: string;
  description?: string;
  type?: 'text' | 'date';
  inputMode?: 'decimal';
  defaultValue?: string;
  maxLength?: number;
}) {
  const { id, error } = useField(props.name);
  return (
    <Textfield
      id={id}
      name={props.name}
      label={props.label}
      description={props.description}
      error={error}
      type={props.type ?? 'text'}
      inputMode={props.inputMode}
      defaultValue={props.defaultValue}
      maxLength={props.maxLength ?? 2000}
    />
  );
}

export function SelectField(props: {
  name: string;
  label: string;
  placeholder: string;
  options: [string, string][];
  defaultValue?: string;
}) {
  const { id, error } = useField(props.name);
  return (
    <Field>
      <Label htmlFor={id}>{props.label}</Label>
      <Select
        id={id}
        name={props.name}
        defaultValue={props.defaultValue ?? ''}
        aria-invalid={error ? true : undefined}
      >
        <Select.Option value="">{props.placeholder}</Select.Option>
        {props.options.map(([value, label]) => (
          <Select.Option key={value} value={value}>
            {label}
          </Select.Option>
        ))}
      </Select>
      {error && <ValidationMessage>{error}</ValidationMessage>}
    </Field>
  );
}

/** Yes/no facts asked together: one checkbox per boolean field, each with its own name. */
export function FlagGroup(props: { legend: string; flags: [string, string][] }) {
  return (
    <Fieldset>
      <Fieldset.Legend>{props.legend}</Fieldset.Legend>
      {props.flags.map(([name, label]) => (
        <Checkbox key={name} name={name} label={label} />
      ))}
    </Fieldset>
  );
}
