/**
 * The citizen's chat widget, served by the hub as /widget.js for the page built in
 * hub/widget-page.ts. It shows the personal-data notice first, then connects to
 * /ws/citizen. The chat id and token stay in sessionStorage, so a reload resumes the
 * chat. Messages not yet acknowledged are sent again with the same id after a
 * reconnect, and the hub stores each id once. A reconnect without a reload sends the
 * log's stream identity and the last seq shown, so the hub replays only what is
 * missing. A resync replaces the log. When no agent can serve the citizen, the
 * widget offers to leave the request with an email address instead of waiting.
 */
import { translate, type MessageKey, type MessageParams } from '../../shared/i18n/catalog';
import { CITIZEN_PATH, HUB_CLOSE_CODES, HUB_PROTOCOL_VERSION } from '../../shared/hub/constants';
import type { HubToCitizenFrame } from '../../shared/hub/protocol';
import type { ChatMessage } from '../../shared/chat/model';
import { positionStatus } from './wait-text';

const CHAT_KEY = 'atiende.widget.chat';
const CONSENT_KEY = 'atiende.widget.consent';
const FIRST_RETRY_MS = 500;
const MAX_RETRY_MS = 10_000;

interface StoredChat {
  chatId: string;
  token: string;
}

interface PendingMessage {
  id: string;
  text: string;
  entry: HTMLElement;
}

const text = (key: MessageKey, params?: MessageParams): string => translate('es', key, params);

function element<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`The widget page has no #${id}`);
  return found as T;
}

function readStoredChat(): StoredChat | undefined {
  try {
    const value = JSON.parse(sessionStorage.getItem(CHAT_KEY) ?? 'null') as Partial<StoredChat> | null;
    return typeof value?.chatId === 'string' && typeof value.token === 'string' ? { chatId: value.chatId, token: value.token } : undefined;
  } catch {
    return undefined;
  }
}

/** Returns a random message id; crypto.randomUUID exists only on secure origins, which a LAN hub may not be. */
function newMessageId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * Returns the frame when it has the fields the widget reads, or undefined. The zod
 * schemas would check more but would make the widget ten times larger on a phone.
 */
function readHubFrame(data: unknown): HubToCitizenFrame | undefined {
  let frame: Record<string, unknown>;
  try {
    frame = JSON.parse(String(data)) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  if (typeof frame !== 'object' || frame === null) return undefined;
  const message = frame.message as Record<string, unknown> | undefined;
  const valid =
    (frame.type === 'welcome' && typeof frame.chatId === 'string' && typeof frame.token === 'string') ||
    (frame.type === 'position' &&
      Number.isInteger(frame.position) &&
      (frame.estimatedWaitMs === undefined || Number.isInteger(frame.estimatedWaitMs)) &&
      (frame.estimateBasis === undefined || typeof frame.estimateBasis === 'string')) ||
    (frame.type === 'service' && typeof frame.state === 'string') ||
    (frame.type === 'follow-up-stored' && typeof frame.id === 'string') ||
    (frame.type === 'agent-joined' && typeof frame.agentName === 'string' && (frame.sinceSeq === undefined || Number.isInteger(frame.sinceSeq))) ||
    (frame.type === 'message' && typeof message?.text === 'string' && Number.isInteger(message.seq) && typeof message.id === 'string' && typeof message.author === 'string') ||
    (frame.type === 'ack' && typeof frame.id === 'string' && Number.isInteger(frame.seq)) ||
    (frame.type === 'error' && typeof frame.code === 'string') ||
    frame.type === 'closed';
  return valid ? (frame as unknown as HubToCitizenFrame) : undefined;
}

function start(): void {
  const notice = element('notice');
  const chat = element('chat');
  const status = element('status');
  const log = element('log');
  const form = element<HTMLFormElement>('composer');
  const field = element<HTMLTextAreaElement>('message');
  const sendButton = element<HTMLButtonElement>('send');
  const leaveButton = element<HTMLButtonElement>('leave');
  const newChatButton = element<HTMLButtonElement>('new-chat');
  const followUp = element('follow-up');
  const serviceNotice = element('service-notice');
  const followUpToggle = element<HTMLButtonElement>('follow-up-toggle');
  const followUpForm = element<HTMLFormElement>('follow-up-form');
  const followUpEmail = element<HTMLInputElement>('follow-up-email');
  const followUpText = element<HTMLTextAreaElement>('follow-up-text');
  const followUpError = element('follow-up-error');

  let socket: WebSocket | undefined;
  let welcomed = false;
  let ended = false;
  let attempts = 0;
  /** Pending reconnect after a drop. An ended chat cancels it, or the reconnect would open a chat the citizen never sees. */
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let agentName: string | undefined;
  let resumeRejected = false;
  /** Stream identity of the chat's log from the last welcome; kept in memory only, because a reload starts with an empty log. */
  let stream: string | undefined;
  let followUpId: string | undefined;
  /** Set when the citizen pressed "leave", so the end of a served chat can show that the answer may come by email. */
  let leaving = false;
  const shownSeqs = new Set<number>();
  /** Joins already shown as a line, keyed by agent name and sinceSeq, so a resume that repeats them adds none. */
  const shownJoins = new Set<string>();
  /** Joins that carry sinceSeq, in the order the hub sent them, for naming the agent of each message. */
  const joins: Array<{ agentName: string; sinceSeq: number }> = [];
  const pending = new Map<string, PendingMessage>();

  const setStatus = (message: string): void => {
    status.textContent = message;
  };

  /** Adds one line to the log; the text is set with textContent, so it is never read as HTML. */
  const addEntry = (author: ChatMessage['author'], body: string, label?: string): HTMLElement => {
    const entry = document.createElement('p');
    entry.className = `entry ${author}`;
    if (label) {
      const name = document.createElement('span');
      name.className = 'author';
      name.textContent = label;
      entry.append(name);
    }
    const content = document.createElement('span');
    content.className = 'text';
    content.textContent = body;
    entry.append(content);
    log.append(entry);
    log.scrollTop = log.scrollHeight;
    return entry;
  };

  /**
   * Returns the first entry that comes after the log's first sinceSeq messages: a stored message after them, a join
   * that happened after them, or a message still pending. A message of seq s goes before firstEntryAfter(s - 1).
   */
  const firstEntryAfter = (sinceSeq: number, except?: HTMLElement): HTMLElement | undefined => {
    for (const entry of log.querySelectorAll<HTMLElement>('.entry')) {
      if (entry === except) continue;
      if (entry.classList.contains('pending') || Number(entry.dataset.seq) > sinceSeq || Number(entry.dataset.sinceSeq) > sinceSeq) return entry;
    }
    return undefined;
  };

  /** Puts a stored message in its place by seq: messages arrive in order, but a join may be announced before them. */
  const placeBySeq = (entry: HTMLElement, seq: number): void => {
    const next = firstEntryAfter(seq - 1, entry);
    if (next) log.insertBefore(entry, next);
    else log.append(entry);
  };

  /** Returns the name of the agent who served the chat when the message of this seq was stored. */
  const agentNameAt = (seq: number): string => {
    let name = agentName ?? text('widget.agent');
    for (const join of joins) if (join.sinceSeq < seq) name = join.agentName;
    return name;
  };

  const markSent = (id: string, seq: number): void => {
    const message = pending.get(id);
    if (!message) return;
    pending.delete(id);
    shownSeqs.add(seq);
    message.entry.dataset.seq = String(seq);
    message.entry.classList.remove('pending');
    message.entry.removeAttribute('aria-busy');
    // A message written while offline is stored after what arrived meanwhile, so it moves to its place by seq, as the agent sees it.
    placeBySeq(message.entry, seq);
  };

  const showMessage = (message: ChatMessage): void => {
    if (shownSeqs.has(message.seq)) return;
    if (message.author === 'citizen' && pending.has(message.id)) return markSent(message.id, message.seq);
    shownSeqs.add(message.seq);
    let label: string | undefined;
    if (message.author === 'citizen') label = text('widget.you');
    else if (message.author === 'agent') label = agentNameAt(message.seq);
    const entry = addEntry(message.author, message.text, label);
    entry.dataset.seq = String(message.seq);
    placeBySeq(entry, message.seq);
  };

  /**
   * Shows the line "<agent> joined" (or, after a transfer, "passed to <agent>") once, where it happened
   * in the log, and names each agent message after the agent who served the chat when it was stored. A
   * resume repeats every join, oldest first. A message stored after the join was announced (one the
   * previous agent sent just before a transfer) is placed and named by seq when it arrives. A hub that
   * sends no sinceSeq gets the line at the end, and only the messages still labelled with the generic name
   * are renamed.
   */
  const showJoin = (name: string, sinceSeq: number | undefined, transfer: boolean): void => {
    const key = `${name}\n${sinceSeq ?? ''}`;
    if (!shownJoins.has(key)) {
      shownJoins.add(key);
      const line = addEntry('system', text(transfer ? 'widget.transferred' : 'widget.agentJoined', { agentName: name }));
      if (sinceSeq !== undefined) {
        line.dataset.sinceSeq = String(sinceSeq);
        joins.push({ agentName: name, sinceSeq });
        const next = firstEntryAfter(sinceSeq, line);
        if (next) log.insertBefore(line, next);
      }
    }
    for (const entry of log.querySelectorAll<HTMLElement>('.entry.agent')) {
      const label = entry.querySelector('.author');
      if (!label) continue;
      if (sinceSeq !== undefined) label.textContent = agentNameAt(Number(entry.dataset.seq));
      else if (label.textContent === text('widget.agent')) label.textContent = name;
    }
  };

  /** Returns the last seq before the first gap in what the log shows, so a resume from it misses nothing. */
  const lastContiguousSeq = (): number => {
    let seq = 0;
    while (shownSeqs.has(seq + 1)) seq += 1;
    return seq;
  };

  /** Empties the log but keeps the messages still waiting for an ack, which go to the chat again. */
  const clearLog = (): void => {
    log.replaceChildren();
    shownSeqs.clear();
    shownJoins.clear();
    joins.length = 0;
    agentName = undefined;
    for (const message of pending.values()) log.append(message.entry);
  };

  const showService = (state: 'open' | 'no-agents' | 'closed'): void => {
    followUp.hidden = state === 'open' || agentName !== undefined || ended;
    let notice = '';
    if (state === 'closed') notice = text('widget.service.closed');
    else if (state === 'no-agents') notice = text('widget.service.noAgents');
    serviceNotice.textContent = notice;
  };

  const transmit = (message: PendingMessage): void => {
    if (socket?.readyState === WebSocket.OPEN && welcomed) socket.send(JSON.stringify({ type: 'message', id: message.id, text: message.text }));
  };

  /** Disables the message box or enables it again, and shows either "leave" or "start a new chat". */
  const setComposerOpen = (open: boolean): void => {
    field.disabled = !open;
    sendButton.disabled = !open;
    leaveButton.hidden = !open;
    newChatButton.hidden = open;
  };

  const endChat = (): void => {
    ended = true;
    followUp.hidden = true;
    sessionStorage.removeItem(CHAT_KEY);
    // The agent of a chat the citizen left may still answer by email, to the address the citizen gave in the chat.
    setStatus(text(leaving && agentName !== undefined ? 'widget.leftServed' : 'widget.closed'));
    // Focus on a control that just got disabled or hidden would fall to the page, so it moves to the new-chat button.
    const focused = document.activeElement;
    const focusLost = focused === field || focused === sendButton || focused === leaveButton || focused === document.body;
    setComposerOpen(false);
    if (focusLost) newChatButton.focus();
    for (const message of pending.values()) message.entry.querySelector('.text')?.append(` (${text('widget.sendFailed')})`);
    pending.clear();
    clearTimeout(retryTimer);
    socket?.close(1000);
  };

  /** Forgets the ended chat and opens a new one. The hello repeats the consent the citizen gave in this session. */
  const startNewChat = (): void => {
    ended = false;
    leaving = false;
    resumeRejected = false;
    stream = undefined;
    followUpId = undefined;
    attempts = 0;
    clearLog();
    followUpForm.hidden = true;
    followUpToggle.setAttribute('aria-expanded', 'false');
    followUpText.value = '';
    followUpError.textContent = '';
    setComposerOpen(true);
    connect();
    field.focus();
  };

  const handle = (frame: HubToCitizenFrame): void => {
    switch (frame.type) {
      case 'welcome': {
        const previous = readStoredChat();
        // A new chat (the old one is gone) or a resync (the hub sends the whole log again) replaces what is shown.
        // Messages still pending were never stored, so they go to the chat again.
        if ((previous && previous.chatId !== frame.chatId) || frame.resync) clearLog();
        stream = frame.stream;
        if (resumeRejected) addEntry('system', text('hub.error.resume-rejected'));
        resumeRejected = false;
        sessionStorage.setItem(CHAT_KEY, JSON.stringify({ chatId: frame.chatId, token: frame.token }));
        welcomed = true;
        attempts = 0;
        setStatus(text('widget.connecting'));
        for (const message of pending.values()) transmit(message);
        break;
      }
      case 'position':
        setStatus(positionStatus(frame));
        break;
      case 'service':
        showService(frame.state);
        break;
      case 'follow-up-stored':
        if (frame.id !== followUpId) break;
        addEntry('system', text('widget.followUp.stored', { email: followUpEmail.value.trim() }));
        followUp.hidden = true;
        break;
      case 'agent-joined':
        // The log keeps the "joined" line; the status names the agent who serves the chat now.
        agentName = frame.agentName;
        setStatus(text('widget.servedBy', { agentName: frame.agentName }));
        followUp.hidden = true;
        showJoin(frame.agentName, frame.sinceSeq, frame.transfer === true);
        break;
      case 'message':
        showMessage(frame.message);
        break;
      case 'ack':
        markSent(frame.id, frame.seq);
        break;
      case 'closed':
        endChat();
        break;
      case 'error':
        // The welcome of the new chat follows and clears the log, so it shows this line.
        if (frame.code === 'resume-rejected') resumeRejected = true;
        else if (frame.ref !== undefined && frame.ref === followUpId) followUpError.textContent = text(`hub.error.${frame.code}`);
        else setStatus(text(`hub.error.${frame.code}`));
        break;
    }
  };

  const connect = (): void => {
    welcomed = false;
    setStatus(text('widget.connecting'));
    const protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const current = new WebSocket(`${protocol}//${location.host}${CITIZEN_PATH}`);
    socket = current;

    current.addEventListener('open', () => {
      const stored = readStoredChat();
      const resume = stored && { ...stored, ...(stream ? { stream, lastSeq: lastContiguousSeq() } : {}) };
      current.send(JSON.stringify({ type: 'hello', v: HUB_PROTOCOL_VERSION, consent: true, ...(resume ? { resume } : {}) }));
    });
    current.addEventListener('message', (event: MessageEvent<unknown>) => {
      const frame = readHubFrame(event.data);
      if (frame) handle(frame);
    });
    current.addEventListener('close', (event) => {
      if (socket !== current || ended) return;
      welcomed = false;
      if (event.code === HUB_CLOSE_CODES.unsupportedVersion) {
        setStatus(text('hub.error.unsupported-version'));
        return;
      }
      // Another tab resumed this chat. Reconnecting here would take it back, and the two tabs would keep taking it from each other.
      if (event.code === HUB_CLOSE_CODES.replaced) {
        setStatus(text('widget.replaced'));
        field.disabled = true;
        sendButton.disabled = true;
        return;
      }
      // Exponential backoff with jitter, so many widgets do not reconnect in the same instant.
      const delay = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** attempts) * (0.5 + Math.random() / 2);
      attempts += 1;
      setStatus(text('widget.disconnected'));
      retryTimer = setTimeout(connect, delay);
    });
  };

  const send = (): void => {
    const body = field.value.trim();
    if (!body || ended) return;
    const message: PendingMessage = { id: newMessageId(), text: body, entry: addEntry('citizen', body, text('widget.you')) };
    message.entry.classList.add('pending');
    message.entry.setAttribute('aria-busy', 'true');
    pending.set(message.id, message);
    field.value = '';
    transmit(message);
  };

  const openChat = (): void => {
    notice.hidden = true;
    chat.hidden = false;
    connect();
  };

  element<HTMLButtonElement>('accept').addEventListener('click', () => {
    sessionStorage.setItem(CONSENT_KEY, 'yes');
    openChat();
    field.focus();
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    send();
    field.focus();
  });
  field.addEventListener('keydown', (event) => {
    // Enter sends and Shift+Enter adds a line. An Enter that confirms an input method's composition does neither.
    if (event.key !== 'Enter' || event.shiftKey || event.isComposing) return;
    event.preventDefault();
    send();
  });
  followUpToggle.addEventListener('click', () => {
    const open = followUpForm.hidden;
    followUpForm.hidden = !open;
    followUpToggle.setAttribute('aria-expanded', String(open));
    if (!open) return;
    // What the citizen already wrote is the natural start of the request.
    if (!followUpText.value) followUpText.value = Array.from(log.querySelectorAll('.entry.citizen .text'), (entry) => entry.textContent ?? '').join('\n');
    followUpEmail.focus();
  });
  followUpForm.addEventListener('submit', (event) => {
    event.preventDefault();
    followUpError.textContent = '';
    const email = followUpEmail.value.trim();
    const request = followUpText.value.trim();
    if (!followUpEmail.checkValidity() || email === '') {
      followUpError.textContent = text('hub.error.invalid-email');
      followUpEmail.focus();
      return;
    }
    if (!request || socket?.readyState !== WebSocket.OPEN || !welcomed) return;
    followUpId ??= newMessageId();
    socket.send(JSON.stringify({ type: 'follow-up', id: followUpId, email, text: request }));
  });
  leaveButton.addEventListener('click', () => {
    leaving = true;
    if (socket?.readyState === WebSocket.OPEN && welcomed) socket.send(JSON.stringify({ type: 'leave' }));
    else endChat();
  });

  newChatButton.addEventListener('click', startNewChat);

  if (sessionStorage.getItem(CONSENT_KEY) === 'yes') openChat();
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
else start();
