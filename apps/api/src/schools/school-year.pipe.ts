import { Injectable, type PipeTransform } from '@nestjs/common';
import { validationFailed } from '../errors/validation-errors';

const SCHOOL_YEAR = /^(\d{4})-(\d{4})$/;

/** `2026-2027`: two consecutive years. */
@Injectable()
export class SchoolYearPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    const match = SCHOOL_YEAR.exec(value);
    if (!match || Number(match[2]) !== Number(match[1]) + 1) {
      throw validationFailed([
        { field: 'schoolYear', message: "must be two consecutive years like '2026-2027'" },
      ]);
    }
    return value;
  }
}
