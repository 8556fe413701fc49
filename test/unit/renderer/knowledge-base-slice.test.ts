// The knowledge base slice driven through the real API client over a real WebSocket host.
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiHandlers } from '../../../shared/api/dispatch';
import type { Chat } from '../../../shared/chat/model';
import type { KbSearchResult, KbStatus } from '../../../shared/knowledge-base/model';
import { latestCitizenSeq, passageToInsert, snippetSegments } from '../../../renderer/knowledge-base/kb-state';
import { COMMANDS } from '../../../renderer/palette/commands';
import { selectKbArticle } from '../../../renderer/knowledge-base/kb-slice';
import type { WorkbenchStore } from '../../../renderer/workbench/store';
import { connectTestStore, startHost, waitFor, type Host } from './api-host';

const status: KbStatus = { state: 'ready', folder: '/kb', articles: 2, staleArticles: 0, maxAgeDays: 365, indexedAt: 1, problems: [], problemCount: 0, failure: null };

function result(path: string, title: string): KbSearchResult {
  return { path, title, format: 'markdown', tags: [], updatedAt: 1, stale: false, score: 1, snippet: { text: title, highlights: [] } };
}

const chat: Chat = {
  id: 'chat-1',
  arrivedAt: 1,
  status: 'active',
  agentName: 'Ana Pérez',
  messages: [{ chatId: 'chat-1', seq: 1, id: 'c-1', author: 'citizen', text: 'cuanto demora el sertificado', at: 1 }],
};

const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function setup(overrides: Partial<ApiHandlers>): Promise<{ host: Host; store: WorkbenchStore }> {
  const host = await startHost({ 'kb.status': async () => status, 'workspace.get': async () => ({ connection: 'connected', queue: [], chats: [chat] }), ...overrides });
  const { store, stop } = connectTestStore(host, { runDeviceChecks: async () => [], now: () => new Date(2026, 2, 3, 9) });
  cleanups.push(stop);
  await store.getState().loadWorkspace();
  return { host, store };
}

describe('knowledge base slice', () => {
  it('keeps the newest search results', async () => {
    const { store } = await setup({
      'kb.search': async ({ query }) => {
        // The older query's response arrives last.
        if (query === 'cert') await new Promise((resolve) => setTimeout(resolve, 150));
        return [result(`${query}.md`, query)];
      },
    });
    const older = store.getState().searchKb('cert');
    await store.getState().searchKb('certificado');
    await older;

    expect(store.getState().kbQuery).toBe('certificado');
    expect(store.getState().kbResults.map((found) => found.path)).toEqual(['certificado.md']);
    expect(store.getState().kbSearching).toBe(false);
  });

  it('clears results for a blank query', async () => {
    const calls: string[] = [];
    const { store } = await setup({ 'kb.search': async ({ query }) => (calls.push(query), [result('a.md', 'A')]) });
    await store.getState().searchKb('predial');
    await store.getState().searchKb('   ');

    expect(store.getState().kbResults).toEqual([]);
    expect(calls).toEqual(['predial']);
  });

  it('suggests once per citizen message', async () => {
    const asked: string[] = [];
    const { store } = await setup({ 'kb.suggest': async ({ chatId }) => (asked.push(chatId), [result('residencia.md', 'Certificado de residencia')]) });
    await store.getState().suggestKbArticles('chat-1');
    await store.getState().suggestKbArticles('chat-1');

    expect(asked).toEqual(['chat-1']);
    expect(store.getState().kbSuggestions['chat-1']).toEqual({ seq: 1, results: [result('residencia.md', 'Certificado de residencia')] });

    store.getState().applyMessage({ chatId: 'chat-1', seq: 2, id: 'c-2', author: 'citizen', text: 'y el paz y salvo', at: 2 });
    await store.getState().suggestKbArticles('chat-1');
    expect(asked).toEqual(['chat-1', 'chat-1']);
    expect(store.getState().kbSuggestions['chat-1']?.seq).toBe(2);
  });

  it('refreshes after kb.changed', async () => {
    let version = 1;
    const { host, store } = await setup({ 'kb.search': async () => [result(`v${version}.md`, 'Versión')] });
    await store.getState().searchKb('version');
    version = 2;
    host.broadcast({ kind: 'event', event: 'kb.changed', payload: { status: { ...status, articles: 3 } } });

    await waitFor(() => store.getState().kbResults[0]?.path === 'v2.md');
    expect(store.getState().kbStatus?.articles).toBe(3);
  });

  it('shows a missing article as an error', async () => {
    const { store } = await setup({});
    await store.getState().openKbArticle('borrado.md');

    expect(selectKbArticle(store.getState())).toBeNull();
    expect(store.getState().kbError).toEqual({ key: 'kb.error.articleNotFound', params: { path: 'borrado.md' } });
  });

  it('keeps the article of each chat', async () => {
    const second: Chat = { ...chat, id: 'chat-2', messages: [{ ...chat.messages[0]!, chatId: 'chat-2', text: 'horario de la sede' }] };
    const host = await startHost({
      'kb.status': async () => status,
      'workspace.get': async () => ({ connection: 'connected', queue: [], chats: [chat, second] }),
      'kb.article': async ({ path }) => ({ ...result(path, path), owner: null, text: 'Texto.' }),
    });
    const { store, stop } = connectTestStore(host, { runDeviceChecks: async () => [], now: () => new Date(2026, 2, 3, 9) });
    cleanups.push(stop);
    await store.getState().loadWorkspace();

    store.getState().openChat('chat-1');
    await store.getState().openKbArticle('certificado-de-residencia.md', ['certificado']);
    expect(selectKbArticle(store.getState())?.path).toBe('certificado-de-residencia.md');

    // The other chat shows its own suggestions, not the first chat's article.
    store.getState().openChat('chat-2');
    expect(selectKbArticle(store.getState())).toBeNull();
    await store.getState().openKbArticle('horarios-y-sedes.md');
    expect(selectKbArticle(store.getState())?.path).toBe('horarios-y-sedes.md');

    store.getState().openChat('chat-1');
    expect(selectKbArticle(store.getState())?.path).toBe('certificado-de-residencia.md');
    expect(store.getState().kbArticles['chat-1']?.matchedWords).toEqual(['certificado']);

    store.getState().closeKbArticle();
    expect(selectKbArticle(store.getState())).toBeNull();
    store.getState().openChat('chat-2');
    expect(selectKbArticle(store.getState())?.path).toBe('horarios-y-sedes.md');
  });

  it('palette command focuses the search', async () => {
    const { store } = await setup({});
    const command = COMMANDS.find((candidate) => candidate.id === 'searchKnowledgeBase')!;
    store.getState().showView('settings');
    await command.run(store.getState());

    expect(store.getState().view).toBe('knowledgeBase');
    expect(store.getState().kbSearchFocusRequest).toBe(1);
  });

  it('problems link opens the list', async () => {
    const article = { ...result('a.md', 'A'), owner: null, text: 'Texto.' };
    const { store } = await setup({ 'kb.article': async () => article });
    store.getState().showView('chats');
    await store.getState().openKbArticle('a.md');
    expect(selectKbArticle(store.getState())?.path).toBe('a.md');

    store.getState().showKbProblems();

    expect(store.getState().view).toBe('knowledgeBase');
    expect(selectKbArticle(store.getState())).toBeNull();
    expect(store.getState().kbProblemsFocusRequest).toBe(1);
  });
});

describe('knowledge base panel helpers', () => {
  it('finds the latest citizen message', () => {
    expect(latestCitizenSeq(chat)).toBe(1);
    expect(latestCitizenSeq({ ...chat, messages: [] })).toBeNull();
  });

  it('splits a snippet at its marks', () => {
    expect(snippetSegments({ text: 'El certificado de residencia', highlights: [{ start: 3, end: 14 }, { start: 18, end: 28 }, { start: 20, end: 40 }] })).toEqual([
      { text: 'El ', marked: false },
      { text: 'certificado', marked: true },
      { text: ' de ', marked: false },
      { text: 'residencia', marked: true },
    ]);
  });

  it('inserts the selection or the first paragraph', () => {
    expect(passageToInsert('Primer párrafo.\n\nSegundo párrafo.', '')).toBe('Primer párrafo.');
    expect(passageToInsert('Primer párrafo.\n\nSegundo párrafo.', '¡Segundo párrafo!')).toBe('Segundo párrafo.');
  });

  it('inserts the best matching paragraph', () => {
    const article = [
      'El certificado de residencia hace constar que una persona vive en el municipio.',
      'Cómo se solicita',
      'En línea, opción «Certificado de residencia».',
      'Cuánto demora',
      'El certificado se expide en cinco (5) días hábiles.',
      'Costo',
      'El certificado no tiene costo.',
    ].join('\n\n');
    // The heading's word counts for the paragraph under it; the subject, in every paragraph, counts little.
    expect(passageToInsert(article, '', ['Certificado', 'residencia', 'demora'])).toBe('El certificado se expide en cinco (5) días hábiles.');
    expect(passageToInsert(article, '', ['costo'])).toBe('El certificado no tiene costo.');
    expect(passageToInsert(article, '', ['residencia'])).toBe('El certificado de residencia hace constar que una persona vive en el municipio.');
    // Without matched words, or none in the article, the first paragraph; a selection always wins.
    expect(passageToInsert(article, '', [])).toBe('El certificado de residencia hace constar que una persona vive en el municipio.');
    expect(passageToInsert(article, '', ['xilófono'])).toBe('El certificado de residencia hace constar que una persona vive en el municipio.');
    expect(passageToInsert(article, 'El certificado no tiene costo.', ['demora'])).toBe('El certificado no tiene costo.');
  });
});
