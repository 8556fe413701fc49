/** The self-test slice: the last report, merged from the Node side's checks and the renderer's own. */
import type { CheckResult } from '../../shared/selftest/model';
import { displayMessageOf, type DisplayMessage } from '../api/errors';
import type { SliceCreator, WorkbenchState } from '../workbench/store';
import { mergeChecks, type SelfTestRow } from './verdict';

export interface SelfTestSlice {
  /** Rows of the last finished run, null before the first one. */
  selfTestRows: SelfTestRow[] | null;
  selfTestRunning: boolean;
  /** Error of the Node side's part of the last run; the renderer's rows are still shown. */
  selfTestError: DisplayMessage | null;
  /** Wall time of the last run, in milliseconds. */
  selfTestDurationMs: number | null;
  runSelfTest(): Promise<void>;
}

export const createSelfTestSlice: SliceCreator<SelfTestSlice> = (set, get, { client, runDeviceChecks }) => ({
  selfTestRows: null,
  selfTestRunning: false,
  selfTestError: null,
  selfTestDurationMs: null,

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
});

export const selectSelfTestRows = (state: WorkbenchState) => state.selfTestRows;
export const selectSelfTestRunning = (state: WorkbenchState) => state.selfTestRunning;
export const selectSelfTestError = (state: WorkbenchState) => state.selfTestError;
export const selectSelfTestDurationMs = (state: WorkbenchState) => state.selfTestDurationMs;
