/**
 * Limits the self-test judges measurements by. Each is a setting an entity can
 * change; the defaults below are estimates with their reasoning, not standards.
 */
import { z } from 'zod';

export const selfTestThresholdsSchema = z
  .object({
    /** Per-check time limit, ms: the whole self-test must finish within 2 s, so one stuck call gets 1.5 s. */
    checkTimeoutMs: z.number().int().min(100).max(60_000).default(1500),
    /** CPU load above this share (%) warns: an estimate of where typing and audio start to lag on a 2-core PC. */
    cpuLoadWarnPercent: z.number().min(1).max(100).default(90),
    /**
     * Available memory, MiB: an Electron workstation uses roughly 300–500 MB (estimate from
     * typical Electron apps), so below 1 GiB warns and below 300 MiB fails.
     */
    memoryWarnMiB: z.number().min(0).default(1024),
    memoryFailMiB: z.number().min(0).default(300),
    /** Free disk on the data folder, MiB: drafts and queued emails need little, but a full disk loses them. */
    diskWarnMiB: z.number().min(0).default(1024),
    diskFailMiB: z.number().min(0).default(100),
    /** Battery share (%) below which a PC on battery warns; an estimate that leaves margin for a shift. */
    batteryWarnPercent: z.number().min(0).max(100).default(20),
    /** Clock offset from the hub, ms: waiting times are shown to the second, so more than 5 s misleads. */
    clockOffsetWarnMs: z.number().min(0).default(5000),
    /**
     * Round trip to an internet endpoint or the hub, ms: above 1 s a person loses the flow of a
     * conversation (Nielsen, "Response Times: The 3 Important Limits", 1993).
     */
    latencyWarnMs: z.number().min(1).default(1000),
  })
  .strict();

export type SelfTestThresholds = z.infer<typeof selfTestThresholdsSchema>;

export const DEFAULT_THRESHOLDS: SelfTestThresholds = selfTestThresholdsSchema.parse({});
