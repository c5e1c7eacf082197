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
import type { FieldErrors, FieldId } from './event-form';

interface Common {
  name: string;
  legend: string;
  fieldId: FieldId;
  errors: FieldErrors;
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
  const error = props.errors[props.name];
  return (
    <Fieldset id={props.fieldId(props.name)} tabIndex={-1}>
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
  const error = props.errors[props.name];
  return (
    <Fieldset id={props.fieldId(props.name)} tabIndex={-1}>
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

export function YesCheckbox(props: { name: string; label: string; fieldId: FieldId; errors: FieldErrors }) {
  return (
    <Checkbox
      id={props.fieldId(props.name)}
      name={props.name}
      label={props.label}
      error={props.errors[props.name]}
    />
  );
}

export function TextArea(props: {
  name: string;
  label: string;
  description?: string;
  fieldId: FieldId;
  errors: FieldErrors;
  maxLength?: number;
}) {
  return (
    <Textfield
      multiline
      rows={3}
      id={props.fieldId(props.name)}
      name={props.name}
      label={props.label}
      description={props.description}
      error={props.errors[props.name]}
      maxLength={props.maxLength ?? 2000}
    />
  );
}

export function TextInput(props: {
  name: string;
  label: string;
  description?: string;
  fieldId: FieldId;
  errors: FieldErrors;
  type?: 'text' | 'date';
  inputMode?: 'decimal';
  defaultValue?: string;
  maxLength?: number;
}) {
  return (
    <Textfield
      id={props.fieldId(props.name)}
      name={props.name}
      label={props.label}
      description={props.description}
      error={props.errors[props.name]}
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
  fieldId: FieldId;
  errors: FieldErrors;
  placeholder: string;
  options: [string, string][];
  defaultValue?: string;
}) {
  const error = props.errors[props.name];
  const id = props.fieldId(props.name);
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
