import { isEmail, ValidateBy, type ValidationOptions } from 'class-validator';
import { unstorableCharacterIn } from '@tiltak/domain';

/**
 * Whether a finite number has at most `places` decimals, in any notation: class-validator's
 * `maxDecimalPlaces` splits `toString()` at the dot and throws on exponent forms such as 1e-7.
 */
export function hasAtMostDecimals(value: unknown, places: number): value is number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return false;
  return Number(value.toFixed(places)) === value;
}

/** A finite JSON number with at most `places` decimals (12.5, 1e2; not 1e-7, NaN or Infinity). */
export function IsDecimal(places: number, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isDecimal',
      constraints: [places],
      validator: {
        validate: (value: unknown) => hasAtMostDecimals(value, places),
        defaultMessage: (args) =>
          `${args?.property ?? 'value'} must be a number with at most ${places} decimal${places === 1 ? '' : 's'}`,
      },
    },
    options,
  );
}

/**
 * An e-mail address, refused rather than thrown on when it holds a lone surrogate (validator's
 * byte-length check calls encodeURI, which throws URIError on one).
 */
export function IsEmailAddress(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isEmail',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' && unstorableCharacterIn(value) === null && isEmail(value),
        defaultMessage: (args) => `${args?.property ?? 'value'} must be an email`,
      },
    },
    options,
  );
}
