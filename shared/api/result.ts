/** The envelope every API call returns across a transport: a result, or an error the renderer can show in Spanish. */
import { z } from 'zod';

export const apiErrorSchema = z.object({
  /** Message-catalog key, for example "error.queueEmpty". */
  code: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).default({}),
});
export type ApiErrorBody = z.infer<typeof apiErrorSchema>;

export type ApiEnvelope<T> = { ok: true; result: T } | { ok: false; error: ApiErrorBody };

/** An expected failure of a service, carried to the renderer as a catalog key instead of a stack trace. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(code);
    this.name = 'ApiError';
  }
}
