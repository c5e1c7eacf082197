import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { hasAtMostDecimals, IsDecimal, IsEmailAddress } from './value-validators';

class Sample {
  @IsDecimal(2)
  percent!: number;

  @IsEmailAddress()
  email!: string;
}

async function errorsFor(plain: object): Promise<string[]> {
  return (await validate(plainToInstance(Sample, plain))).map((e) => e.property);
}

describe('hasAtMostDecimals', () => {
  it('reads any notation, exponent forms included', () => {
    expect(hasAtMostDecimals(12.5, 2)).toBe(true);
    expect(hasAtMostDecimals(12.25, 2)).toBe(true);
    expect(hasAtMostDecimals(1e2, 2)).toBe(true);
    expect(hasAtMostDecimals(1e21, 2)).toBe(true);
    expect(hasAtMostDecimals(12.345, 2)).toBe(false);
    expect(hasAtMostDecimals(1e-7, 2)).toBe(false);
    expect(hasAtMostDecimals(5e-324, 2)).toBe(false);
    expect(hasAtMostDecimals(0.1 + 0.2, 2)).toBe(false);
    expect(hasAtMostDecimals(Number.NaN, 2)).toBe(false);
    expect(hasAtMostDecimals(Infinity, 2)).toBe(false);
    expect(hasAtMostDecimals('12.5', 2)).toBe(false);
  });
});

describe('the DTO decorators', () => {
  it('refuse 1e-7 and a lone surrogate in an e-mail instead of throwing', async () => {
    expect(await errorsFor({ percent: 12.5, email: 'ingrid.haugen@example.no' })).toEqual([]);
    expect(await errorsFor({ percent: 1e-7, email: 'ingrid\uD800@example.no' })).toEqual([
      'percent',
      'email',
    ]);
    expect(await errorsFor({ percent: 1, email: 'not-an-email' })).toEqual(['email']);
  });
});
