/**
 * The self-test slice: the last report, merged from the Node side's checks and the
 * renderer's own, and leaving the screen, which records the run and starts the shift.
 */
import type { CheckResult } from '../../shared/selftest/model';
import { displayMessageOf, type DisplayMessage } from '../api/errors';
import type { SliceCreator, WorkbenchState } from '../workbench/store';
import type { EquipmentAlert } from './equipment-watch';
import { applyToneAnswer, mergeChecks, toDbfs, type SelfTestRow } from './verdict';

export interface SelfTestSlice {
  /** Rows of the last finished run, null before the first one. */
  selfTestRows: SelfTestRow[] | null;
  selfTestRunning: boolean;
  /** Error of the Node side's part of the last run; the renderer's rows are still shown. */
  selfTestError: DisplayMessage | null;
  /** Wall time of the last run, in milliseconds. */
  selfTestDurationMs: number | null;
  /** Error of the last attempt to record the run or export the report, shown under the actions. */
  shiftError: DisplayMessage | null;
  /** The last change of equipment seen during the shift, until the agent reruns or dismisses it. */
  equipmentAlert: EquipmentAlert | null;
  /** Level of the microphone while the check listens, in dBFS, for the live meter; null before any reading. */
  microphoneLevelDbfs: number | null;
  setMicrophoneLevel(rms: number): void;
  raiseEquipmentAlert(alert: EquipmentAlert): void;
  dismissEquipmentAlert(): void;
  /** Shows the self-test and reruns it for the current alert. */
  recheckEquipment(): Promise<void>;
  runSelfTest(): Promise<void>;
  /** Records the agent's answer after the test tone on the headset row. */
  answerTestTone(heard: boolean, device: string): void;
  /** Records the run with the agent's reason when a check failed, makes the agent available and opens the chats. */
  continueShift(override: string | null): Promise<boolean>;
  /** Returns the readable report of the last recorded run for IT support, or null after an error. */
  exportReport(): Promise<{ fileName: string; text: string } | null>;
}

export const createSelfTestSlice: SliceCreator<SelfTestSlice> = (set, get, { client, runDeviceChecks }) => ({
  selfTestRows: null,
  selfTestRunning: false,
  selfTestError: null,
  selfTestDurationMs: null,
  shiftError: null,
  equipmentAlert: null,
  microphoneLevelDbfs: null,

  setMicrophoneLevel: (rms) => set({ microphoneLevelDbfs: toDbfs(rms) }),
  raiseEquipmentAlert: (equipmentAlert) => set({ equipmentAlert }),
  dismissEquipmentAlert: () => set({ equipmentAlert: null }),

  async recheckEquipment() {
    set({ equipmentAlert: null });
    get().showView('selftest');
    await get().runSelfTest();
  },

  async runSelfTest() {
    if (get().selfTestRunning) return;
    set({ selfTestRunning: true, selfTestError: null });
    const started = Date.now();

    // Both halves run at once, so the run takes as long as the slower one.
    const [nodeReport, deviceChecks] = await Promise.allSettled([client.call('selftest.run', {}), runDeviceChecks()]);

    const nodeChecks: CheckResult[] = nodeReport.status === 'fulfilled' ? nodeReport.value.checks : [];
    const rendererChecks: CheckResult[] = deviceChecks.status === 'fulfilled' ? deviceChecks.value : [];
    set({
      selfTestRows: mergeChecks(nodeChecks, rendererChecks),
      selfTestRunning: false,
      selfTestError: nodeReport.status === 'rejected' ? displayMessageOf(nodeReport.reason) : null,
      selfTestDurationMs: Date.now() - started,
    });
  },

  answerTestTone(heard, device) {
    const rows = get().selfTestRows;
    if (rows) set({ selfTestRows: applyToneAnswer(rows, heard, device) });
  },

  async continueShift(override) {
    const rows = get().selfTestRows;
    if (!rows || rows.length === 0) return false;
    set({ shiftError: null });
    try {
      const session = await client.call('selftest.record', { checks: rows.map(rowToCheck), durationMs: get().selfTestDurationMs ?? 0, override });
      set({ session, availabilityError: null });
      get().showView('chats');
      return true;
    } catch (error) {
      set({ shiftError: displayMessageOf(error) });
      return false;
    }
  },

  async exportReport() {
    set({ shiftError: null });
    try {
      return await client.call('selftest.report', {});
    } catch (error) {
      set({ shiftError: displayMessageOf(error) });
      return null;
    }
  },
});

/** Converts a row to the check that is recorded, with the row's decisive explanation as its message. */
function rowToCheck(row: SelfTestRow): CheckResult {
  const first = row.messages[0];
  return { id: row.id, status: row.status, values: row.values, messageKey: first?.key ?? 'selftest.unexpected', params: first?.params ?? {} };
}

export const selectSelfTestRows = (state: WorkbenchState) => state.selfTestRows;
export const selectSelfTestRunning = (state: WorkbenchState) => state.selfTestRunning;
export const selectSelfTestError = (state: WorkbenchState) => state.selfTestError;
export const selectSelfTestDurationMs = (state: WorkbenchState) => state.selfTestDurationMs;
export const selectShiftError = (state: WorkbenchState) => state.shiftError;
export const selectEquipmentAlert = (state: WorkbenchState) => state.equipmentAlert;
export const selectMicrophoneLevel = (state: WorkbenchState) => state.microphoneLevelDbfs;
