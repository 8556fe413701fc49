/** The messages between the main thread and the knowledge base's worker thread. */
import type { KbArticle, KbSearchResult, KbStatus } from '../../shared/knowledge-base/model';
import type { KnowledgeBaseSummary } from './engine';

export interface WorkerOptions {
  folder: string;
  /** The persisted index of this folder, under <data>/knowledge-base/. */
  indexFile: string;
  maxAgeDays: number;
  /** Watch the folder and rescan it on changes; the command line turns it off. */
  watch: boolean;
  /** Quiet time after the last file event before a rescan, in milliseconds. */
  debounceMs: number;
  /** Interval of the rescan that catches what the file watcher misses, in milliseconds. */
  pollIntervalMs: number;
}

export interface WorkerMethods {
  search: { params: { query: string; limit: number }; result: KbSearchResult[] };
  suggest: { params: { message: string; limit: number }; result: KbSearchResult[] };
  article: { params: { path: string }; result: KbArticle | null };
  status: { params: Record<string, never>; result: KbStatus };
  summary: { params: Record<string, never>; result: KnowledgeBaseSummary };
  /** Rescans now and returns the status after it. */
  refresh: { params: Record<string, never>; result: KbStatus };
}

export type WorkerMethod = keyof WorkerMethods;

export type WorkerRequest = { [M in WorkerMethod]: { id: number; method: M; params: WorkerMethods[M]['params'] } }[WorkerMethod];

export type WorkerMessage =
  | { type: 'response'; id: number; ok: true; result: unknown }
  | { type: 'response'; id: number; ok: false; error: string }
  | { type: 'changed'; status: KbStatus }
  | { type: 'log'; level: 'info' | 'warn' | 'error'; fields: Record<string, unknown>; message: string };
