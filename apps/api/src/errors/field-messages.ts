// class-validator's field messages are English sentences that start with the property name
// ("text must be shorter than or equal to 2000 characters"). People read them next to the field,
// so each constraint gets a Norwegian sentence, its numbers and values taken from the English one.

type Translate = (english: string) => string;

const number = (english: string): string => /(-?\d+(?:\.\d+)?)/.exec(english)?.[1] ?? '';
const after = (english: string, marker: string): string =>
  english.slice(english.indexOf(marker) + marker.length);

const NORWEGIAN: Record<string, Translate> = {
  whitelistValidation: () => 'feltet er ikke tillatt',
  isString: () => 'må være tekst',
  isBoolean: () => 'må være true eller false',
  isIn: (e) => (e.includes(': ') ? `må være en av: ${after(e, ': ')}` : 'har en verdi som ikke er tillatt'),
  isUuid: () => 'må være en UUID',
  maxLength: (e) => `kan ha høyst ${number(e)} tegn`,
  minLength: (e) => (number(e) === '1' ? 'må fylles ut' : `må ha minst ${number(e)} tegn`),
  isLength: (e) =>
    /shorter/.test(e)
      ? `kan ha høyst ${number(e)} tegn`
      : number(e) === '1'
        ? 'må fylles ut'
        : `må ha minst ${number(e)} tegn`,
  min: (e) => `kan ikke være mindre enn ${number(e)}`,
  max: (e) => `kan ikke være større enn ${number(e)}`,
  isArray: () => 'må være en liste',
  arrayMaxSize: (e) => `kan ha høyst ${number(e)} elementer`,
  arrayMinSize: (e) => `må ha minst ${number(e)} element${number(e) === '1' ? '' : 'er'}`,
  arrayUnique: () => 'kan ikke ha samme verdi flere ganger',
  isObject: () => 'må være et objekt',
  nestedValidation: () => 'må være et objekt',
  isInt: () => 'må være et heltall',
  isEmail: () => 'må være en e-postadresse',
  isBase64: () => 'må være base64',
  isLocalDate: () => 'må være en gyldig dato ÅÅÅÅ-MM-DD',
  isInstant: () => 'må være et tidspunkt med tidssone, for eksempel 2026-11-23T09:00:00.000Z',
  isDecimal: (e) => `må være et tall med høyst ${/at most (\d+)/.exec(e)?.[1] ?? ''} desimaler`,
};

/** The Norwegian message for a failed constraint; an unknown constraint keeps its English text. */
export function norwegianFieldMessage(constraint: string, english: string): string {
  return NORWEGIAN[constraint]?.(english) ?? english;
}
