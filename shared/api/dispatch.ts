/**
 * The Node side's single entry for API calls: it checks the method name, validates
 * the request against its schema, and only then calls the service. Both transports
 * (Electron IPC and the browser host) go through here.
 */
import type { z } from 'zod';
import { apiMethods, isApiMethod, type ApiMethod, type ApiResponse } from './contract';
import { ApiError, type ApiEnvelope } from './result';

/** A request after validation, with defaults applied and strings trimmed. */
export type ValidRequest<M extends ApiMethod> = z.output<(typeof apiMethods)[M]['request']>;

export type ApiHandlers = {
  [M in ApiMethod]: (request: ValidRequest<M>) => Promise<ApiResponse<M>>;
};

export interface DispatchOptions {
  /** Called for an unexpected failure, which the caller logs; the renderer only sees "error.internal". */
  onUnexpectedError?: (method: ApiMethod, error: unknown) => void;
}

export function createDispatcher(handlers: ApiHandlers, options: DispatchOptions = {}) {
  return async function dispatch(method: unknown, params: unknown): Promise<ApiEnvelope<unknown>> {
    if (!isApiMethod(method)) {
      return { ok: false, error: { code: 'error.unknownMethod', params: { method: String(method).slice(0, 80) } } };
    }

    const parsed = apiMethods[method].request.safeParse(params ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path.join('.') || '(solicitud)';
      const reason = issue?.message.startsWith('agentName.') ? issue.message : 'error.invalidField';
      return { ok: false, error: { code: 'error.invalidRequest', params: { method, field, reason } } };
    }

    try {
      const handler = handlers[method] as (request: unknown) => Promise<unknown>;
      return { ok: true, result: await handler(parsed.data) };
    } catch (error) {
      if (error instanceof ApiError) return { ok: false, error: { code: error.code, params: error.params } };
      options.onUnexpectedError?.(method, error);
      return { ok: false, error: { code: 'error.internal', params: {} } };
    }
  };
}

export type Dispatch = ReturnType<typeof createDispatcher>;
