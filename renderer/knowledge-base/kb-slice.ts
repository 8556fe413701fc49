/**
 * The knowledge base slice: the index's status, the agent's search and its results,
 * the open article of each chat, and the articles suggested for each chat. The
 * article belongs to the chat open when it was opened, so switching chats shows
 * the other chat's article or suggestions, never the previous chat's article. A response that arrives after a newer request was made is dropped, so
 * results never jump back to an older query.
 */
import type { KbArticle, KbSearchResult, KbStatus } from '../../shared/knowledge-base/model';
import { displayMessageOf, type DisplayMessage } from '../api/errors';
import type { SliceCreator, WorkbenchState } from '../workbench/store';
import { latestCitizenSeq } from './kb-state';

/** Results shown for a search; the side panel has room for about this many. */
export const SEARCH_LIMIT = 8;
export const SUGGESTION_LIMIT = 3;

/** An article open in the panel, with the words marked in the result it came from. */
export interface OpenKbArticle {
  article: KbArticle;
  matchedWords: string[];
}

/** Key of the open article's owner: the open chat, or "" while no chat is open. */
function articleOwner(state: Pick<WorkbenchState, 'openChatId'>): string {
  return state.openChatId ?? '';
}

export interface KbSuggestions {
  /** Seq of the citizen message these suggestions are for. */
  seq: number;
  results: KbSearchResult[];
}

export interface KnowledgeBaseSlice {
  kbStatus: KbStatus | null;
  /** The query whose results are shown. */
  kbQuery: string;
  kbResults: KbSearchResult[];
  kbSearching: boolean;
  kbError: DisplayMessage | null;
  /** The open article of each chat by chat id, and under "" the one opened while no chat was open. */
  kbArticles: Record<string, OpenKbArticle>;
  kbSuggestions: Record<string, KbSuggestions>;
  /** Counter of requests to focus the search field; each request increments it. */
  kbSearchFocusRequest: number;
  /** Counter of requests to show the list of files with problems; each request increments it. */
  kbProblemsFocusRequest: number;
  loadKbStatus(): Promise<void>;
  /** Takes a status sent after a rebuild: results and suggestions are fetched again. */
  applyKbStatus(status: KbStatus): void;
  searchKb(query: string): Promise<void>;
  /** Opens an article for the open chat (or for no chat); matchedWords choose the passage inserted without a selection. */
  openKbArticle(path: string, matchedWords?: string[]): Promise<void>;
  /** Closes the open chat's article, back to its suggestions and the search results. */
  closeKbArticle(): void;
  /** Fetches suggestions for the chat's latest citizen message, unless they are already known. */
  suggestKbArticles(chatId: string): Promise<void>;
  requestKbSearchFocus(): void;
  /** Opens the "Base de conocimiento" view at the list of files with problems, closing an open article. */
  showKbProblems(): void;
}

export const createKnowledgeBaseSlice: SliceCreator<KnowledgeBaseSlice> = (set, get, { client }) => {
  let searchRequest = 0;
  let articleRequest = 0;

  return {
    kbStatus: null,
    kbQuery: '',
    kbResults: [],
    kbSearching: false,
    kbError: null,
    kbArticles: {},
    kbSuggestions: {},
    kbSearchFocusRequest: 0,
    kbProblemsFocusRequest: 0,

    async loadKbStatus() {
      try {
        set({ kbStatus: await client.call('kb.status', {}) });
      } catch (error) {
        set({ kbError: displayMessageOf(error) });
      }
    },

    applyKbStatus(status) {
      set({ kbStatus: status, kbSuggestions: {} });
      const query = get().kbQuery;
      if (query.trim() !== '') void get().searchKb(query);
      const chatId = get().openChatId;
      if (chatId !== null) void get().suggestKbArticles(chatId);
    },

    async searchKb(query) {
      const request = ++searchRequest;
      if (query.trim() === '') {
        set({ kbQuery: query, kbResults: [], kbSearching: false, kbError: null });
        return;
      }
      set({ kbSearching: true });
      try {
        const results = await client.call('kb.search', { query, limit: SEARCH_LIMIT });
        if (request === searchRequest) set({ kbQuery: query, kbResults: results, kbSearching: false, kbError: null });
      } catch (error) {
        if (request === searchRequest) set({ kbSearching: false, kbError: displayMessageOf(error) });
      }
    },

    async openKbArticle(path, matchedWords = []) {
      const request = ++articleRequest;
      const owner = articleOwner(get());
      try {
        const article = await client.call('kb.article', { path });
        if (request === articleRequest) set((state) => ({ kbArticles: { ...state.kbArticles, [owner]: { article, matchedWords } }, kbError: null }));
      } catch (error) {
        if (request === articleRequest) set({ kbError: displayMessageOf(error) });
      }
    },

    closeKbArticle() {
      articleRequest++;
      const owner = articleOwner(get());
      if (!(owner in get().kbArticles)) return;
      set((state) => {
        const { [owner]: _closed, ...others } = state.kbArticles;
        return { kbArticles: others };
      });
    },

    async suggestKbArticles(chatId) {
      const chat = get().chats.find((candidate) => candidate.id === chatId);
      const seq = chat ? latestCitizenSeq(chat) : null;
      if (seq === null || get().kbSuggestions[chatId]?.seq === seq) return;

      // Marks the message as asked for, so that re-renders do not ask again while the call runs.
      set((state) => ({ kbSuggestions: { ...state.kbSuggestions, [chatId]: { seq, results: state.kbSuggestions[chatId]?.results ?? [] } } }));
      try {
        const results = await client.call('kb.suggest', { chatId, limit: SUGGESTION_LIMIT });
        if (get().kbSuggestions[chatId]?.seq === seq) set((state) => ({ kbSuggestions: { ...state.kbSuggestions, [chatId]: { seq, results } } }));
      } catch (error) {
        set({ kbError: displayMessageOf(error) });
      }
    },

    requestKbSearchFocus() {
      // Beside an open chat the side panel has the field; otherwise the full view does.
      if (get().view !== 'chats' || get().openChatId === null) get().showView('knowledgeBase');
      set((state) => ({ kbSearchFocusRequest: state.kbSearchFocusRequest + 1 }));
    },

    showKbProblems() {
      // The view lists the problems only while no article is open.
      get().closeKbArticle();
      get().showView('knowledgeBase');
      set((state) => ({ kbProblemsFocusRequest: state.kbProblemsFocusRequest + 1 }));
    },
  };
};

export const selectKbStatus = (state: WorkbenchState) => state.kbStatus;
export const selectKbQuery = (state: WorkbenchState) => state.kbQuery;
export const selectKbResults = (state: WorkbenchState) => state.kbResults;
export const selectKbSearching = (state: WorkbenchState) => state.kbSearching;
export const selectKbError = (state: WorkbenchState) => state.kbError;
export const selectKbArticle = (state: WorkbenchState) => state.kbArticles[articleOwner(state)]?.article ?? null;
const NO_WORDS: string[] = [];
export const selectKbArticleMatchedWords = (state: WorkbenchState) => state.kbArticles[articleOwner(state)]?.matchedWords ?? NO_WORDS;
export const selectKbSearchFocusRequest = (state: WorkbenchState) => state.kbSearchFocusRequest;
export const selectKbProblemsFocusRequest = (state: WorkbenchState) => state.kbProblemsFocusRequest;
export const selectKbSuggestionsOf = (chatId: string | null) => (state: WorkbenchState) => (chatId === null ? null : (state.kbSuggestions[chatId] ?? null));
