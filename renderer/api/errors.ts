/** Failed API calls in the renderer: a catalog key and its parameters, ready to show in Spanish. */
import { apiErrorSchema } from '../../shared/api/result';

export type ErrorParams = Record<string, string | number>;

/** Thrown by the API client when a call returns {ok:false}, times out or loses its transport. */
export class ApiCallError extends Error {
  constructor(
    /** Message-catalog key, for example "error.queueEmpty". */
    readonly code: string,
    readonly params: ErrorParams = {},
  ) {
    super(code);
    this.name = 'ApiCallError';
  }
}

/** Builds an ApiCallError from the error body of an envelope, or error.internal when the body is malformed. */
export function apiCallErrorFrom(body: unknown): ApiCallError {
  const parsed = apiErrorSchema.safeParse(body);
  if (!parsed.success) return new ApiCallError('error.internal');
  return new ApiCallError(parsed.data.code, parsed.data.params);
}

/** A catalog key with its parameters, the form in which every error reaches the screen. */
export interface DisplayMessage {
  key: string;
  params: ErrorParams;
}

/**
 * Returns the message to show for an error. A request rejected by the agent-name
 * schema shows the name rule itself (agentName.*) rather than the generic
 * "invalid request". Anything that is not an ApiCallError is a bug, so it shows error.internal.
 */
export function displayMessageOf(error: unknown): DisplayMessage {
  if (!(error instanceof ApiCallError)) return { key: 'error.internal', params: {} };

  const reason = error.params.reason;
  if (error.code === 'error.invalidRequest' && typeof reason === 'string' && reason.startsWith('agentName.')) {
    return { key: reason, params: {} };
  }
  return { key: error.code, params: error.params };
}
