// The keyset cursor of the case list: the sort key of the last item seen, opaque to callers.
import { InvalidPageError } from '../errors';
import type { CaseListItem } from './case.types';

export interface CaseListPosition {
  nextDeadlineAt: string | null;
  openedAt: string;
  caseId: string;
}

export function encodeCaseListCursor(
  item: Pick<CaseListItem, 'nextDeadlineAt' | 'openedAt' | 'caseId'>,
): string {
  const position: [string | null, string, string] = [item.nextDeadlineAt, item.openedAt, item.caseId];
  return Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');
}

export function decodeCaseListCursor(cursor: string): CaseListPosition {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidPageError('cursor is not one this list handed out');
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 3 ||
    !(parsed[0] === null || isInstant(parsed[0])) ||
    !isInstant(parsed[1]) ||
    typeof parsed[2] !== 'string' ||
    !/^[0-9a-f-]{36}$/i.test(parsed[2])
  ) {
    throw new InvalidPageError('cursor is not one this list handed out');
  }
  return { nextDeadlineAt: parsed[0] as string | null, openedAt: parsed[1] as string, caseId: parsed[2] };
}

function isInstant(value: unknown): value is string {
  return typeof value === 'string' && !Number.isNaN(Date.parse(value));
}
