import { AppError, type FieldProblem } from '../shared/errors.ts';

/** Run a write; a validation error or conflict comes back as field problems for the form. */
export async function attempt<T>(fn: () => Promise<T>, conflictField = 'slug'): Promise<{ ok: T } | { problems: FieldProblem[] }> {
  try {
    return { ok: await fn() };
  } catch (e) {
    if (e instanceof AppError && (e.code === 'validation_failed' || e.code === 'conflict'))
      return { problems: e.fields.length ? e.fields : [{ field: conflictField, message: e.message }] };
    throw e;
  }
}

/** The /{lang} prefix of a page URL, for redirects. */
export const langPrefix = (url: string) => `/${url.split('/')[1]}`;
