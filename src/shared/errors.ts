// The small catalogue of errors every edge knows how to show: HTTP status, a stable
// machine code, and a message for people. Services throw these; one handler renders them.

export type ErrorCode =
  | 'bad_request'
  | 'validation_failed'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'rate_limited'
  | 'csrf_invalid'
  | 'internal';

const STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  validation_failed: 422,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  csrf_invalid: 403,
  internal: 500,
};

/** A problem with one input field, named so a form can show it beside the field. */
export interface FieldProblem {
  field: string;
  message: string;
}

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields: FieldProblem[] = [],
    /** an interface message key a page shows instead of the generic one for the code */
    readonly messageKey?: string,
  ) {
    super(message);
    this.name = 'AppError';
    this.status = STATUS[code];
  }
}

export const notFound = (what: string) => new AppError('not_found', `${what} was not found`);
export const forbidden = (why: string) => new AppError('forbidden', why);
export const invalid = (fields: FieldProblem[]) =>
  new AppError('validation_failed', fields.map((f) => `${f.field}: ${f.message}`).join('; '), fields);
export const conflict = (why: string) => new AppError('conflict', why);
