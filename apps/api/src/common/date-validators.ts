import { isValidInstant, isValidLocalDate } from '@tiltak/domain';
import { ValidateBy, type ValidationOptions } from 'class-validator';

/** A real calendar date `YYYY-MM-DD` (the domain's rule: 2026-02-30 is refused). */
export function IsLocalDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isLocalDate',
      validator: {
        validate: (value: unknown) => isValidLocalDate(value),
        defaultMessage: (args) => `${args?.property ?? 'value'} must be a valid date YYYY-MM-DD`,
      },
    },
    options,
  );
}

/** An ISO-8601 instant with a time zone, e.g. 2026-11-23T09:00:00.000Z. */
export function IsInstant(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isInstant',
      validator: {
        validate: (value: unknown) => isValidInstant(value),
        defaultMessage: (args) =>
          `${args?.property ?? 'value'} must be an ISO-8601 instant such as 2026-11-23T09:00:00.000Z`,
      },
    },
    options,
  );
}
