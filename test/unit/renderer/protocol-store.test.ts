// The protocol and checker slices driven through the real API client, a real WebSocket host,
// the real protocol handlers over a temporary data folder, and the real reply checker in process.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SpellingEngine } from '../../../shared/checker/index';
import type { Chat, ChatMessage } from '../../../shared/chat/model';
import { silentLogger } from '../../../shared/log/logger';
import { createProtocolHandlers } from '../../../main/chat/protocol-handlers';
import { WorkspaceState } from '../../../main/chat/workspace-state';
import { SEND_CHECK_TIMEOUT_MS } from '../../../renderer/checker/checker-slice';
import { startLiveCheck } from '../../../renderer/checker/live-check';
import { runCheck, type ReplyChecker } from '../../../renderer/checker/run-check';
import { commandForKey } from '../../../renderer/protocol/protocol-commands';
import type { WorkbenchStore } from '../../../renderer/workbench/store';
import { connectTestStore, startHost, waitFor } from './api-host';

const MORNING = new Date(2026, 2, 3, 9, 0, 0);
const GREETING = 'Buenos días, soy Ana Pérez. ¿Me indica por favor su nombre y su correo electrónico?';

let spelling: SpellingEngine;
beforeAll(() => {
  spelling = SpellingEngine.fromText(readFileSync('dist/spelling/es-words.txt', 'utf8'));
});

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

function message(seq: number, author: ChatMessage['author'], text: string): ChatMessage {
  return { chatId: 'chat-1', seq, id: `m-${seq}`, author, text, at: 1000 + seq };
}

interface Setup {
  store: WorkbenchStore;
  state: WorkspaceState;
  dataDir: string;
  sent: string[];
  /** Texts the checker was asked to check, in order. */
  checked: string[];
}

async function setup(
  messages: ChatMessage[] = [message(1, 'citizen', 'Hola')],
  protocol: Partial<NonNullable<Chat['protocol']>> = {},
  worker: 'answers' | 'fails' | 'silent' | 'failsWithoutWordList' = 'answers',
): Promise<Setup> {
  const dataDir = mkdtempSync(join(tmpdir(), 'atiende-protocol-store-'));
  const state = new WorkspaceState();
  const sent: string[] = [];
  const checked: string[] = [];
  const chat: Chat = { id: 'chat-1', arrivedAt: 1000, status: 'active', agentName: 'Ana Pérez', messages };

  const host = await startHost({
    'chat.takeNext': async () => {
      const taken = state.putChat(chat);
      state.updateProtocol(chat.id, (record) => ({ ...record, ...protocol }));
      return taken;
    },
    'chat.send': async ({ chatId, text }) => {
      sent.push(text);
      const stored: ChatMessage = { chatId, seq: (state.getChat(chatId)?.messages.length ?? 0) + 1, id: `a-${sent.length}`, author: 'agent', text, at: 5000 };
      state.addMessage(stored);
      return stored;
    },
    ...createProtocolHandlers({ state, dataDir, emit: () => {}, closeOnHub: () => true, logger: silentLogger }),
  });
  const checker: ReplyChecker = {
    async check(text, options) {
      checked.push(text);
      if (worker === 'fails' || worker === 'failsWithoutWordList') throw new Error('worker crashed');
      // A hung worker never responds, and the store must not wait for it.
      if (worker === 'silent') return new Promise<never>(() => {});
      return runCheck(text, options, spelling);
    },
    loadSpelling: async () => {
      if (worker === 'failsWithoutWordList') throw new Error('word list not found');
      return spelling;
    },
  };
  const { store, stop } = connectTestStore(host, { runDeviceChecks: async () => [], now: () => MORNING, checker });
  const stopChecking = startLiveCheck(store);
  cleanups.push(async () => {
    stopChecking();
    await stop();
    rmSync(dataDir, { recursive: true, force: true });
  });
  await store.getState().loadSession();
  await store.getState().takeNext();
  return { store, state, dataDir, sent, checked };
}

const rulesOf = (store: WorkbenchStore) => store.getState().checks['chat-1']?.findings.map((finding) => finding.rule);

describe('protocol phrases', () => {
  it('inserts at the cursor without overwriting', async () => {
    const { store } = await setup();
    store.getState().setDraft('chat-1', 'Con gusto.');
    store.getState().setComposerSelection('chat-1', { start: 0, end: 0 });
    store.getState().insertPhrase('chat-1', 'dataRequest');
    expect(store.getState().drafts['chat-1']).toBe('¿Me indica por favor su nombre y su correo electrónico? Con gusto.');
    expect(store.getState().caretRequest).toMatchObject({ chatId: 'chat-1', position: 55 });

    // A selected range is kept; the phrase goes after it.
    store.getState().setComposerSelection('chat-1', { start: 56, end: 59 });
    store.getState().insertPhrase('chat-1', 'clarification');
    expect(store.getState().drafts['chat-1']).toBe(
      '¿Me indica por favor su nombre y su correo electrónico? Con ¿Puede por favor precisarme con más detalle su solicitud o pregunta? gusto.',
    );
  });

  it('asks for a missing name first', async () => {
    const { store, state } = await setup();
    store.getState().setDraft('chat-1', '');
    store.getState().insertPhrase('chat-1', 'serviceQuestion');
    expect(store.getState().blankPrompt).toMatchObject({ chatId: 'chat-1', phraseId: 'serviceQuestion', missing: ['nombre_ciudadano'], error: null });
    expect(store.getState().drafts['chat-1']).toBe('');

    await store.getState().submitBlanks({ nombre_ciudadano: 'J4' });
    expect(store.getState().blankPrompt?.error).toEqual({ key: 'protocol.blank.invalid', params: { field: 'J4' } });
    expect(store.getState().drafts['chat-1']).toBe('');

    await store.getState().submitBlanks({ nombre_ciudadano: 'Juan Gómez' });
    expect(store.getState().blankPrompt).toBeNull();
    expect(store.getState().drafts['chat-1']).toBe('Gracias, Juan Gómez. ¿En qué le puedo servir?');
    expect(state.getChat('chat-1')?.protocol?.citizenName).toBe('Juan Gómez');
    expect(store.getState().chats[0]?.protocol?.citizenName).toBe('Juan Gómez');
  });

  it('proposes the options of a complex request', async () => {
    const { store, state } = await setup();
    await store.getState().markAnalysis('chat-1', 'tooComplex');
    expect(state.getChat('chat-1')?.protocol?.analysis).toBe('tooComplex');
    expect(store.getState().drafts['chat-1']).toMatch(new RegExp(`^${GREETING.replace(/[?¿.]/g, '.')} Su solicitud requiere un análisis`));
  });

  it('closes the chat with its transcript', async () => {
    const { store, dataDir } = await setup();
    await store.getState().closeChat('chat-1');
    expect(store.getState().chats[0]?.status).toBe('closed');
    expect(store.getState().protocolNotices['chat-1']).toEqual({ key: 'protocol.closed', params: { file: 'chat-chat-1.json' } });
    expect(existsSync(join(dataDir, 'transcripts', 'chat-chat-1.json'))).toBe(true);
  });

  it('asks before closing a live chat', async () => {
    const answered = [message(1, 'citizen', 'Necesito un certificado'), message(2, 'agent', GREETING), message(3, 'agent', 'El certificado se pide en la sede principal.')];
    const { store, state } = await setup(answered, { citizenName: 'Juan Gómez', citizenEmail: 'juan@example.com', analysis: 'fits' });

    await store.getState().requestCloseChat('chat-1');
    expect(store.getState().closeConfirmation).toEqual({ chatId: 'chat-1', missing: ['closingQuestion', 'citizenConfirmation', 'farewell'] });
    expect(state.getChat('chat-1')?.status).toBe('active');

    store.getState().cancelCloseChat();
    expect(store.getState().closeConfirmation).toBeNull();
    expect(state.getChat('chat-1')?.status).toBe('active');

    await store.getState().requestCloseChat('chat-1');
    await store.getState().confirmCloseChat();
    expect(store.getState().closeConfirmation).toBeNull();
    expect(store.getState().chats[0]?.status).toBe('closed');
  });

  it('sends the farewell before closing', async () => {
    const asked = [message(1, 'citizen', 'Necesito un certificado'), message(2, 'agent', 'El certificado se pide en la sede.'), message(3, 'agent', '¿Hay algo más en lo que le pueda servir?')];
    const { store, state, sent } = await setup(asked, { citizenName: 'Juan Gómez', citizenEmail: 'juan@example.com', analysis: 'fits' });

    await store.getState().requestCloseChat('chat-1');
    expect(store.getState().closeConfirmation?.missing).toEqual(['citizenConfirmation', 'farewell']);
    store.getState().setDraft('chat-1', '');
    await store.getState().sendFarewellFirst();
    expect(sent).toEqual(['Gracias por usar nuestro servicio de chat, Juan Gómez. Que tenga un buen día.']);
    expect(state.getChat('chat-1')?.status).toBe('active');

    // The citizen never confirmed, so closing still asks, now only for that.
    await store.getState().requestCloseChat('chat-1');
    expect(store.getState().closeConfirmation?.missing).toEqual(['citizenConfirmation']);
  });

  it('closes at once after the closing', async () => {
    const closed = [
      message(1, 'citizen', 'Necesito un certificado'),
      message(2, 'agent', 'El certificado se pide en la sede.'),
      message(3, 'agent', '¿Hay algo más en lo que le pueda servir?'),
      message(4, 'citizen', 'No, gracias.'),
      message(5, 'agent', 'Gracias por usar nuestro servicio de chat, Juan Gómez. Que tenga un buen día.'),
    ];
    const { store } = await setup(closed, { citizenName: 'Juan Gómez', citizenEmail: 'juan@example.com', analysis: 'fits' });
    await store.getState().requestCloseChat('chat-1');
    expect(store.getState().closeConfirmation).toBeNull();
    expect(store.getState().chats[0]?.status).toBe('closed');
  });

  it('closes a cut chat at once', async () => {
    const { store, state } = await setup([message(1, 'citizen', 'Necesito un certificado')]);
    state.putChat({ ...state.getChat('chat-1')!, status: 'cut' });
    store.getState().applyChat(state.getChat('chat-1')!);
    await store.getState().requestCloseChat('chat-1');
    expect(store.getState().closeConfirmation).toBeNull();
    expect(store.getState().chats[0]?.status).toBe('closed');
  });

  it('shows a rejected email on the chat', async () => {
    const { store } = await setup();
    expect(await store.getState().markFollowUp('chat-1', 'no es un correo')).toBe(false);
    expect(store.getState().protocolNotices['chat-1']).toMatchObject({ key: 'error.invalidRequest' });
  });

  it('maps Alt+digit keys to commands', () => {
    expect(commandForKey({ altKey: true, ctrlKey: false, metaKey: false, shiftKey: false, code: 'Digit1' })?.id).toBe('protocol.greeting');
    expect(commandForKey({ altKey: true, ctrlKey: false, metaKey: false, shiftKey: false, code: 'Numpad8' })?.id).toBe('protocol.farewell');
    expect(commandForKey({ altKey: true, ctrlKey: true, metaKey: false, shiftKey: false, code: 'Digit1' })).toBeUndefined();
    expect(commandForKey({ altKey: false, ctrlKey: false, metaKey: false, shiftKey: false, code: 'Digit1' })).toBeUndefined();
    expect(commandForKey({ altKey: true, ctrlKey: false, metaKey: false, shiftKey: false, code: 'Digit9' })).toBeUndefined();
  });
});

describe('live checker', () => {
  it('checks once after typing pauses', async () => {
    const { store, checked } = await setup();
    checked.length = 0;
    for (const text of ['H', 'Ho', 'Hol', 'Hola', 'Hola!', 'Hola!!', 'Hola!! :)']) store.getState().setDraft('chat-1', text);
    await waitFor(() => store.getState().checks['chat-1']?.text === 'Hola!! :)');
    expect(checked).toEqual(['Hola!! :)']);
    expect(rulesOf(store)).toEqual(['exclamation', 'emoticon']);
  });

  it('applies a fix and checks again', async () => {
    const { store } = await setup();
    store.getState().setDraft('chat-1', 'Hola!! :)');
    await waitFor(() => store.getState().checks['chat-1']?.text === 'Hola!! :)');
    const exclamation = store.getState().checks['chat-1']!.findings.find((finding) => finding.rule === 'exclamation')!;
    store.getState().applyFix('chat-1', exclamation, 0);
    expect(store.getState().drafts['chat-1']).toBe('Hola. :)');
    await waitFor(() => store.getState().checks['chat-1']?.text === 'Hola. :)');
    expect(rulesOf(store)).toEqual(['emoticon']);

    // A fix whose range no longer contains the flagged text does nothing.
    store.getState().applyFix('chat-1', exclamation, 0);
    expect(store.getState().drafts['chat-1']).toBe('Hola. :)');
  });

  it('removes an emoji with one space', async () => {
    const { store } = await setup();
    const text = 'Con gusto, Marta 😊 el certificado llega hoy.';
    store.getState().setDraft('chat-1', text);
    await waitFor(() => store.getState().checks['chat-1']?.text === text);
    const emoji = store.getState().checks['chat-1']!.findings.find((finding) => finding.rule === 'emoji')!;
    store.getState().applyFix('chat-1', emoji, 0);
    expect(store.getState().drafts['chat-1']).toBe('Con gusto, Marta el certificado llega hoy.');
    await waitFor(() => store.getState().checks['chat-1']?.text === 'Con gusto, Marta el certificado llega hoy.');
    expect(rulesOf(store)).toEqual([]);

    // Two spaces typed by hand are flagged, and their fix leaves one.
    store.getState().setDraft('chat-1', 'Con gusto, Marta  el certificado llega hoy.');
    await waitFor(() => store.getState().checks['chat-1']?.text === 'Con gusto, Marta  el certificado llega hoy.');
    const doubleSpace = store.getState().checks['chat-1']!.findings.find((finding) => finding.messageKey === 'checker.punctuation.doubleSpace');
    expect(doubleSpace).toMatchObject({ start: 16, end: 18 });
    store.getState().applyFix('chat-1', doubleSpace!, 0);
    expect(store.getState().drafts['chat-1']).toBe('Con gusto, Marta el certificado llega hoy.');
  });

  it('sends the greeting without a review', async () => {
    const { store, sent } = await setup();
    await store.getState().submitReply('chat-1');
    expect(store.getState().review).toBeNull();
    expect(sent).toEqual([GREETING]);
  });

  it('reviews a faulty reply and records the override', async () => {
    const { store, sent, state } = await setup();
    store.getState().setDraft('chat-1', 'Hola!! :)');
    await store.getState().submitReply('chat-1');
    expect(sent).toEqual([]);
    expect(store.getState().review?.findings.map((finding) => finding.rule)).toEqual(['exclamation', 'emoticon']);

    store.getState().closeReview();
    expect(store.getState().review).toBeNull();
    expect(store.getState().drafts['chat-1']).toBe('Hola!! :)');

    await store.getState().submitReply('chat-1');
    await store.getState().sendAnyway();
    expect(sent).toEqual(['Hola!! :)']);
    const overrides = state.getChat('chat-1')?.protocol?.reviewOverrides;
    expect(overrides).toEqual([{ at: expect.any(Number), messageSeq: 2, rules: ['exclamation', 'emoticon'] }]);
    expect(store.getState().chats[0]?.protocol?.reviewOverrides).toEqual(overrides);
  });

  it('reviews on the main thread when the worker fails', async () => {
    const { store, sent, checked } = await setup(undefined, undefined, 'fails');
    store.getState().setDraft('chat-1', 'Hola!! :) Traiga la cedula');
    await store.getState().submitReply('chat-1');
    expect(sent).toEqual([]);
    expect(checked).toContain('Hola!! :) Traiga la cedula');
    expect(store.getState().review?.findings.map((finding) => finding.rule)).toEqual(['exclamation', 'emoticon', 'punctuation', 'spelling']);
    expect(store.getState().checks['chat-1']?.spellingChecked).toBe(true);

    // Later checks skip the failed worker.
    checked.length = 0;
    store.getState().closeReview();
    store.getState().setDraft('chat-1', 'Con gusto.');
    await store.getState().submitReply('chat-1');
    expect(checked).toEqual([]);
    expect(sent).toEqual(['Con gusto.']);
  });

  it('reviews without spelling when nothing loads', async () => {
    const { store, sent } = await setup(undefined, undefined, 'failsWithoutWordList');
    store.getState().setDraft('chat-1', 'Hola!! Traiga la cedula.');
    await store.getState().submitReply('chat-1');
    expect(sent).toEqual([]);
    expect(store.getState().review?.findings.map((finding) => finding.rule)).toEqual(['exclamation']);
    expect(store.getState().checks['chat-1']?.spellingChecked).toBe(false);
  });

  it('reviews on the main thread when the worker is silent', async () => {
    const { store, sent } = await setup(undefined, undefined, 'silent');
    store.getState().setDraft('chat-1', 'Hola!! :)');
    const started = Date.now();
    await store.getState().submitReply('chat-1');
    expect(Date.now() - started).toBeGreaterThanOrEqual(SEND_CHECK_TIMEOUT_MS - 50);
    expect(Date.now() - started).toBeLessThan(SEND_CHECK_TIMEOUT_MS + 3000);
    expect(sent).toEqual([]);
    expect(store.getState().review?.findings.map((finding) => finding.rule)).toEqual(['exclamation', 'emoticon']);
  });

  it('submits a reply once on a double Enter', async () => {
    const { store, sent } = await setup();
    store.getState().setDraft('chat-1', 'Con gusto.');
    await Promise.all([store.getState().submitReply('chat-1'), store.getState().submitReply('chat-1')]);
    expect(sent).toEqual(['Con gusto.']);
  });

  it('lets advice alone through', async () => {
    const messages = [
      message(1, 'citizen', 'Hola'),
      message(2, 'agent', GREETING),
      message(3, 'citizen', 'Juan Gómez, juan@example.com'),
      message(4, 'agent', 'Gracias, Juan Gómez. ¿En qué le puedo servir?'),
      message(5, 'citizen', '¿Cuánto cuesta el certificado de residencia?'),
    ];
    const { store, sent } = await setup(messages, { citizenName: 'Juan Gómez', citizenEmail: 'juan@example.com', analysis: 'fits' });
    store.getState().setDraft('chat-1', 'Lo puede pedir en la sede principal.');
    await store.getState().submitReply('chat-1');
    expect(store.getState().checks['chat-1']?.findings.map((finding) => `${finding.rule}:${finding.severity}`)).toEqual(['unanswered-question:advice']);
    expect(store.getState().review).toBeNull();
    expect(sent).toEqual(['Lo puede pedir en la sede principal.']);
  });
});
