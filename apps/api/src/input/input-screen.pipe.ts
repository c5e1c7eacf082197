import { type ArgumentMetadata, Injectable, type PipeTransform } from '@nestjs/common';
import { validationFailed } from '../errors/validation-errors';
import { screenInput } from './input-screen';

/**
 * Global, first of the pipes: refuses prototype keys and unstorable text in every body, query and path
 * parameter before the ValidationPipe hands them to class-transformer. Custom parameter decorators
 * (the raw event body, screened by its service after the access check) are left alone.
 */
@Injectable()
export class InputScreenPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'custom') return value;
    const prefix = metadata.type === 'body' ? '' : (metadata.data ?? '');
    const problems = screenInput(value, prefix);
    if (problems.length) throw validationFailed(problems);
    return value;
  }
}
