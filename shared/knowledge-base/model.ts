/**
 * The knowledge base as the API carries it: search results with their marked
 * excerpt, whole articles, and the index's status with the files it had to skip.
 * Times are milliseconds since the Unix epoch; paths are relative to the source folder.
 */
import { z } from 'zod';

export const KB_FORMATS = ['markdown', 'html', 'text', 'pdf', 'docx'] as const;
export const kbFormatSchema = z.enum(KB_FORMATS);
export type KbFormat = z.infer<typeof kbFormatSchema>;

/** A marked range of a snippet's text: UTF-16 offsets, end exclusive. */
export const highlightSchema = z.object({ start: z.number().int().nonnegative(), end: z.number().int().nonnegative() });
export type Highlight = z.infer<typeof highlightSchema>;

export const snippetSchema = z.object({ text: z.string(), highlights: z.array(highlightSchema) });
export type Snippet = z.infer<typeof snippetSchema>;

const articleFields = {
  path: z.string(),
  title: z.string(),
  format: kbFormatSchema,
  tags: z.array(z.string()),
  /** The article's "updated" date, or its file's modification time when it has none. */
  updatedAt: z.number().nullable(),
  /** True when updatedAt is older than the maximum age from the settings. */
  stale: z.boolean(),
};

export const kbSearchResultSchema = z.object({ ...articleFields, snippet: snippetSchema, score: z.number() });
export type KbSearchResult = z.infer<typeof kbSearchResultSchema>;

export const kbArticleSchema = z.object({ ...articleFields, owner: z.string().nullable(), text: z.string() });
export type KbArticle = z.infer<typeof kbArticleSchema>;

/** A source file that was skipped, or indexed only in part, with the catalog key of the reason. */
export const kbProblemSchema = z.object({
  path: z.string(),
  key: z.string().startsWith('kb.problem.'),
  params: z.record(z.string(), z.union([z.string(), z.number()])).default({}),
});
export type KbProblem = z.infer<typeof kbProblemSchema>;

/** Problems listed in a status; the rest are only counted. */
export const MAX_LISTED_PROBLEMS = 100;

export const kbStateSchema = z.enum(['loading', 'indexing', 'ready', 'failed']);
export type KbState = z.infer<typeof kbStateSchema>;

export const kbStatusSchema = z.object({
  /** "indexing" while a rebuild runs in the background; searches are answered from the previous index meanwhile. */
  state: kbStateSchema,
  folder: z.string(),
  articles: z.number().int().nonnegative(),
  staleArticles: z.number().int().nonnegative(),
  maxAgeDays: z.number().int().positive(),
  indexedAt: z.number().nullable(),
  /** The first problems in path order, at most MAX_LISTED_PROBLEMS, so that a folder of junk cannot flood the screen. */
  problems: z.array(kbProblemSchema),
  /** How many problems there are in all. */
  problemCount: z.number().int().nonnegative(),
  /** Catalog key of the reason when state is "failed", for example a missing source folder. */
  failure: z.string().nullable(),
});
export type KbStatus = z.infer<typeof kbStatusSchema>;

export const DAY_MS = 24 * 60 * 60 * 1000;

/** Tells whether an article updated at `updatedAt` is older than `maxAgeDays` at `now`; an undated article is not. */
export function isStale(updatedAt: number | null, maxAgeDays: number, now: number): boolean {
  return updatedAt !== null && now - updatedAt > maxAgeDays * DAY_MS;
}
