/**
 * The knowledge base panel: a search field with results as the agent types, the
 * articles suggested for the citizen's latest message, and the article reader,
 * from which a selected passage goes into the reply at the composer's cursor.
 * It sits beside the open chat and fills the "Base de conocimiento" view.
 */
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import type { KbArticle, KbSearchResult } from '../../shared/knowledge-base/model';
import { selectOpenChat } from '../chat/chats-slice';
import { t, tDynamic } from '../i18n';
import { ErrorText } from '../workbench/ErrorText';
import { useWorkbench } from '../workbench/store-context';
import {
  selectKbArticle,
  selectKbArticleMatchedWords,
  selectKbError,
  selectKbProblemsFocusRequest,
  selectKbQuery,
  selectKbResults,
  selectKbSearchFocusRequest,
  selectKbSearching,
  selectKbStatus,
  selectKbSuggestionsOf,
} from './kb-slice';
import { latestCitizenSeq, passageToInsert, snippetSegments } from './kb-state';

/** Quiet time after a keystroke before the search is sent. The field's text is local state, so typing never waits on a search. */
const SEARCH_DEBOUNCE_MS = 150;

const dateFormat = new Intl.DateTimeFormat('es-CO', { dateStyle: 'long', timeZone: 'America/Bogota' });

function updatedText(updatedAt: number | null): string {
  return updatedAt === null ? t('kb.article.noDate') : t('kb.article.updated', { date: dateFormat.format(updatedAt) });
}

/** The last search focus request served; the store's counter only grows. */
let lastServedFocusRequest = 0;
/** The last request to show the problems served, likewise. */
let lastServedProblemsRequest = 0;

function SearchField() {
  const storedQuery = useWorkbench(selectKbQuery);
  const focusRequest = useWorkbench(selectKbSearchFocusRequest);
  const searchKb = useWorkbench((state) => state.searchKb);
  const closeKbArticle = useWorkbench((state) => state.closeKbArticle);
  const [text, setText] = useState(storedQuery);
  const input = useRef<HTMLInputElement>(null);
  const inputId = useId();

  useEffect(() => {
    if (focusRequest <= lastServedFocusRequest) return;
    lastServedFocusRequest = focusRequest;
    input.current?.focus();
    input.current?.select();
  }, [focusRequest]);

  useEffect(() => {
    const timer = setTimeout(() => void searchKb(text), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, searchKb]);

  return (
    <div className="kb-search">
      <label htmlFor={inputId} className="visually-hidden">
        {t('kb.search.label')}
      </label>
      <input
        id={inputId}
        ref={input}
        type="search"
        className="kb-search__input"
        placeholder={t('kb.search.placeholder')}
        value={text}
        autoComplete="off"
        spellCheck={false}
        onChange={(event) => {
          setText(event.target.value);
          closeKbArticle();
        }}
      />
    </div>
  );
}

function StatusLine() {
  const status = useWorkbench(selectKbStatus);
  if (!status) return null;
  let text: string;
  if (status.state === 'failed') text = tDynamic(status.failure ?? 'kb.error.unavailable', { folder: status.folder });
  else if (status.state === 'loading') text = t('kb.status.loading');
  else if (status.state === 'indexing') text = t('kb.status.indexing');
  else text = t('kb.status.ready', { count: status.articles, stale: status.staleArticles });
  return (
    <p className={`kb-status${status.state === 'failed' ? ' error-text' : ''}`} role="status">
      {text}
    </p>
  );
}

function StaleBadge() {
  return <span className="badge kb-badge--stale">{t('kb.article.stale')}</span>;
}

/** Returns the words marked in a result's snippet. */
function markedWords(result: KbSearchResult): string[] {
  return snippetSegments(result.snippet)
    .filter((segment) => segment.marked)
    .map((segment) => segment.text);
}

function ResultList({ results, label }: { results: KbSearchResult[]; label: string }) {
  const openKbArticle = useWorkbench((state) => state.openKbArticle);
  return (
    <ul className="kb-results" aria-label={label}>
      {results.map((result) => (
        <li key={result.path}>
          <button type="button" className="kb-result" onClick={() => void openKbArticle(result.path, markedWords(result))}>
            <span className="kb-result__title">
              {result.title} {result.stale && <StaleBadge />}
            </span>
            <span className="kb-result__snippet">
              {snippetSegments(result.snippet).map((segment, index) => (segment.marked ? <mark key={index}>{segment.text}</mark> : <span key={index}>{segment.text}</span>))}
            </span>
            <span className="kb-result__meta">
              {result.path} · {updatedText(result.updatedAt)}
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}

function Suggestions({ chatId, seq }: { chatId: string; seq: number | null }) {
  const suggestions = useWorkbench(selectKbSuggestionsOf(chatId));
  const suggest = useWorkbench((state) => state.suggestKbArticles);
  const headingId = useId();

  useEffect(() => {
    if (seq !== null) void suggest(chatId);
  }, [chatId, seq, suggest]);

  let body: ReactNode;
  if (seq === null) body = <p className="empty-state">{t('kb.suggested.waiting')}</p>;
  else if (suggestions && suggestions.seq === seq && suggestions.results.length > 0) body = <ResultList results={suggestions.results} label={t('kb.suggested.title')} />;
  else body = <p className="empty-state">{t('kb.suggested.none')}</p>;

  return (
    <section className="kb-section" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('kb.suggested.title')}</h2>
      {body}
    </section>
  );
}

function SearchResults() {
  const query = useWorkbench(selectKbQuery);
  const results = useWorkbench(selectKbResults);
  const searching = useWorkbench(selectKbSearching);
  if (query.trim() === '') return null;
  return (
    <section className="kb-section" aria-busy={searching}>
      <h2>{t('kb.search.results')}</h2>
      {results.length > 0 ? <ResultList results={results} label={t('kb.search.results')} /> : <p className="empty-state">{t('kb.search.noResults', { query })}</p>}
    </section>
  );
}

function ArticleReader({ article, chatId }: { article: KbArticle; chatId: string | null }) {
  const status = useWorkbench(selectKbStatus);
  const matchedWords = useWorkbench(selectKbArticleMatchedWords);
  const closeKbArticle = useWorkbench((state) => state.closeKbArticle);
  const insertIntoDraft = useWorkbench((state) => state.insertIntoDraft);
  const showView = useWorkbench((state) => state.showView);
  const body = useRef<HTMLDivElement>(null);
  const back = useRef<HTMLButtonElement>(null);
  const [inserted, setInserted] = useState(0);
  // The selection as it was when the pointer went down on the button, before a click could change it.
  const selectionAtPress = useRef('');
  const hintId = useId();

  useEffect(() => back.current?.focus(), [article.path]);

  /** Returns the text the agent selected inside the article, or an empty string. */
  function selectedText(): string {
    const selection = window.getSelection();
    if (!selection || selection.isCollapsed || !body.current) return '';
    return body.current.contains(selection.anchorNode) && body.current.contains(selection.focusNode) ? selection.toString() : '';
  }

  function insert() {
    if (chatId === null) return;
    const passage = passageToInsert(article.text, selectionAtPress.current || selectedText(), matchedWords);
    selectionAtPress.current = '';
    if (passage === '') return;
    insertIntoDraft(chatId, passage, 'paragraph');
    showView('chats');
    setInserted((count) => count + 1);
  }

  return (
    <article className="kb-article" aria-label={t('kb.article.label', { title: article.title })}>
      <button type="button" ref={back} className="button kb-article__back" onClick={closeKbArticle}>
        {t('kb.article.back')}
      </button>
      <h2 className="kb-article__title">
        {article.title} {article.stale && <StaleBadge />}
      </h2>
      <p className="kb-article__meta">
        {updatedText(article.updatedAt)}
        {article.owner && ` · ${t('kb.article.owner', { owner: article.owner })}`}
        <br />
        {t('kb.article.source', { path: article.path })}
      </p>
      {article.stale && <p className="kb-article__stale">{t('kb.article.staleHint', { days: status?.maxAgeDays ?? 365 })}</p>}
      <div className="kb-article__body" ref={body} tabIndex={0}>
        {article.text.split(/\n\s*\n/).map((paragraph, index) => (
          <p key={index}>{paragraph}</p>
        ))}
      </div>
      <div className="kb-article__actions">
        <button
          type="button"
          className="button button--primary"
          disabled={chatId === null}
          aria-describedby={hintId}
          onMouseDown={() => (selectionAtPress.current = selectedText())}
          onClick={insert}
        >
          {t('kb.insert')}
        </button>
        <p id={hintId} className="kb-article__hint">
          {chatId === null ? t('kb.insert.noChat') : t('kb.insert.hint')}
        </p>
        <p className="visually-hidden" role="status">
          {inserted > 0 ? t('kb.insert.done') : ''}
        </p>
      </div>
    </article>
  );
}

/** Tells the agent beside the chat that files were skipped or indexed in part, with the way to their list. */
function ProblemsNotice() {
  const status = useWorkbench(selectKbStatus);
  const showKbProblems = useWorkbench((state) => state.showKbProblems);
  if (!status || status.problemCount === 0) return null;
  return (
    <p className="kb-problems-notice">
      {t('kb.problems.notice', { count: status.problemCount })}{' '}
      <button type="button" className="kb-problems-notice__link" onClick={showKbProblems}>
        {t('kb.problems.show')}
      </button>
    </p>
  );
}

function Problems() {
  const status = useWorkbench(selectKbStatus);
  const focusRequest = useWorkbench(selectKbProblemsFocusRequest);
  const heading = useRef<HTMLHeadingElement>(null);
  const headingId = useId();
  const hasProblems = Boolean(status && status.problems.length > 0);

  // Focus moves to the list's heading, so that a keyboard or screen reader user lands on it.
  useEffect(() => {
    if (!hasProblems || focusRequest <= lastServedProblemsRequest) return;
    lastServedProblemsRequest = focusRequest;
    heading.current?.scrollIntoView({ block: 'start' });
    heading.current?.focus();
  }, [focusRequest, hasProblems]);

  if (!status || !hasProblems) return null;
  return (
    <section className="kb-section" aria-labelledby={headingId}>
      <h2 id={headingId} ref={heading} tabIndex={-1}>
        {t('kb.problems.title', { count: status.problemCount })}
      </h2>
      <ul className="kb-problems">
        {status.problems.map((problem) => (
          <li key={`${problem.path}:${problem.key}`}>{t('kb.problems.line', { path: problem.path, reason: tDynamic(problem.key, problem.params) })}</li>
        ))}
      </ul>
    </section>
  );
}

export function KnowledgeBasePanel({ placement }: { placement: 'side' | 'view' }) {
  const article = useWorkbench(selectKbArticle);
  const error = useWorkbench(selectKbError);
  const chat = useWorkbench(selectOpenChat);
  const loadKbStatus = useWorkbench((state) => state.loadKbStatus);
  const activeChatId = chat && chat.status !== 'closed' ? chat.id : null;

  useEffect(() => {
    void loadKbStatus();
  }, [loadKbStatus]);

  return (
    <div className={`kb-panel kb-panel--${placement}`}>
      <SearchField />
      <StatusLine />
      {placement === 'side' && <ProblemsNotice />}
      <ErrorText error={error} />
      {article ? (
        <ArticleReader article={article} chatId={activeChatId} />
      ) : (
        <>
          {placement === 'side' && chat && <Suggestions chatId={chat.id} seq={latestCitizenSeq(chat)} />}
          <SearchResults />
          {placement === 'view' && <Problems />}
        </>
      )}
    </div>
  );
}
