// Domain errors carry a stable code and a kind; the HTTP layer maps kinds to statuses in one place.
export type ErrorKind = 'invalid' | 'unauthenticated' | 'forbidden' | 'not_found' | 'conflict' | 'unprocessable' | 'rate_limited';

export class DomainError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export const notFound = (what: string, id?: string) =>
  new DomainError('not_found', `${what}.not_found`, id ? `No ${what} ${id} that you can see` : `No such ${what}`);

export const forbidden = (action: string) =>
  new DomainError('forbidden', 'forbidden', `You are not allowed to ${action}`);

export const versionConflict = (what: string, current: number) =>
  new DomainError(
    'conflict',
    `${what}.version_conflict`,
    `This ${what} was changed by someone else since you opened it (now version ${current}); reload it and apply your change again`,
    'version',
    { currentVersion: current },
  );
