/**
 * The follow-ups slice: the requests citizens left by email ("Solicitudes por
 * correo") and their answers. An answer is written in the chats slice's drafts
 * under a key of its own (followUpDraftKey), so the live checker, the pre-send
 * review and the draft store treat it like a chat's email answer; the chats
 * slice's sendReply hands such a key back here, and the answer goes out through
 * the outbox.
 */
import type { FollowUpView } from '../../shared/api/contract';
import { citizenEmailSchema } from '../../shared/protocol/citizen-data';
import { displayMessageOf, type DisplayMessage } from '../api/errors';
import type { SliceCreator, WorkbenchState } from '../workbench/store';

export interface FollowUpNotice {
  message: DisplayMessage;
  error: boolean;
}

export interface FollowUpsSlice {
  /** Pending first, oldest first, as the Node side orders them. */
  followUps: FollowUpView[];
  followUpsError: DisplayMessage | null;
  /** The request whose answer form is open. */
  answeringFollowUp: string | null;
  followUpNotices: Record<string, FollowUpNotice>;
  /** Request ids whose "Marcar como atendida" or "Marcar como pendiente" is in flight. */
  followUpMarking: Record<string, boolean>;
  loadFollowUps(): Promise<void>;
  applyFollowUps(requests: FollowUpView[]): void;
  openFollowUpAnswer(id: string | null): void;
  /** Queues the answer written under the draft key as an email; the pre-send review ran before. */
  sendFollowUpAnswer(draftKey: string): Promise<void>;
  setFollowUpDone(id: string, done: boolean): Promise<void>;
}

const DRAFT_KEY = /^fu-[0-9a-f]{8}$/;

/**
 * Returns the drafts key of a request's answer: "fu-" and the 32-bit FNV-1a hash of
 * its id. Request ids may exceed the 64 characters the draft store allows for a chat
 * id; hub chat ids never match this form.
 */
export function followUpDraftKey(id: string): string {
  let hash = 0x811c9dc5;
  for (let index = 0; index < id.length; index += 1) {
    hash ^= id.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `fu-${hash.toString(16).padStart(8, '0')}`;
}

export function isFollowUpDraftKey(key: string): boolean {
  return DRAFT_KEY.test(key);
}

/** Returns the address the answer goes to: the one the agent typed, else the one the citizen left. */
export function answerAddressOf(state: Pick<WorkbenchState, 'emailTo'>, request: FollowUpView): string {
  return state.emailTo[followUpDraftKey(request.id)] ?? request.email;
}

export const createFollowUpsSlice: SliceCreator<FollowUpsSlice> = (set, get, { client }) => {
  function notice(id: string, message: DisplayMessage, error: boolean): void {
    set((state) => ({ followUpNotices: { ...state.followUpNotices, [id]: { message, error } } }));
  }

  function replace(request: FollowUpView): void {
    set((state) => ({ followUps: state.followUps.map((known) => (known.id === request.id ? request : known)) }));
  }

  return {
    followUps: [],
    followUpsError: null,
    answeringFollowUp: null,
    followUpNotices: {},
    followUpMarking: {},

    async loadFollowUps() {
      try {
        set({ followUps: await client.call('followUp.list', {}), followUpsError: null });
      } catch (error) {
        set({ followUpsError: displayMessageOf(error) });
      }
    },

    applyFollowUps(requests) {
      set({ followUps: requests });
    },

    openFollowUpAnswer(id) {
      set({ answeringFollowUp: id });
    },

    async sendFollowUpAnswer(draftKey) {
      const request = get().followUps.find((known) => followUpDraftKey(known.id) === draftKey);
      const text = get().drafts[draftKey] ?? '';
      if (!request || text.trim() === '' || get().sending[draftKey]) return;
      const typed = answerAddressOf(get(), request);
      const address = citizenEmailSchema.safeParse(typed);
      if (!address.success) {
        const message = { key: 'outbox.error.invalidAddress', params: { address: typed.trim() } };
        notice(request.id, message, true);
        set((state) => ({ sendErrors: { ...state.sendErrors, [draftKey]: message } }));
        return;
      }

      set((state) => {
        const { [draftKey]: _cleared, ...sendErrors } = state.sendErrors;
        return { sending: { ...state.sending, [draftKey]: true }, sendErrors };
      });
      try {
        const { entry, request: answered } = await client.call('followUp.answer', { id: request.id, to: address.data, text });
        replace(answered);
        get().applyOutboxEntry(entry);
        get().setDraft(draftKey, '');
        set((state) => ({ answeringFollowUp: state.answeringFollowUp === request.id ? null : state.answeringFollowUp }));
        notice(request.id, { key: 'followUps.queued', params: { to: entry.to } }, false);
      } catch (error) {
        // The answer stays in the form so that the agent can send it again.
        const message = displayMessageOf(error);
        notice(request.id, message, true);
        set((state) => ({ sendErrors: { ...state.sendErrors, [draftKey]: message } }));
      } finally {
        set((state) => ({ sending: { ...state.sending, [draftKey]: false } }));
      }
    },

    async setFollowUpDone(id, done) {
      if (get().followUpMarking[id]) return;
      set((state) => ({ followUpMarking: { ...state.followUpMarking, [id]: true } }));
      try {
        replace(await client.call('followUp.setDone', { id, done }));
      } catch (error) {
        notice(id, displayMessageOf(error), true);
      } finally {
        set((state) => ({ followUpMarking: { ...state.followUpMarking, [id]: false } }));
      }
    },
  };
};

export const selectFollowUps = (state: WorkbenchState) => state.followUps;
export const selectFollowUpsError = (state: WorkbenchState) => state.followUpsError;
export const selectAnsweringFollowUp = (state: WorkbenchState) => state.answeringFollowUp;
export const selectFollowUpsPending = (state: WorkbenchState) => state.followUps.filter((request) => request.done === null).length;
export const selectFollowUpNoticeOf = (id: string) => (state: WorkbenchState) => state.followUpNotices[id] ?? null;
export const selectFollowUpMarkingOf = (id: string) => (state: WorkbenchState) => state.followUpMarking[id] === true;
/** Returns the last success notice of a request that left the list (done on the hub), so the agent still sees where the answer went. */
export const selectNoticeOfDoneRequest = (state: WorkbenchState): FollowUpNotice | null => {
  const gone = Object.entries(state.followUpNotices).filter(([id, notice]) => !notice.error && !state.followUps.some((request) => request.id === id));
  return gone.at(-1)?.[1] ?? null;
};
