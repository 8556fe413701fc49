/**
 * The agent's own settings on this workstation: their name for the greeting,
 * whether the greeting is sent at once, and their preferences (theme, font size,
 * notifications). Kept in <data>/settings/agent.json, apart from the entity's
 * settings, and written atomically so a crash never leaves half a file.
 */
import { join } from 'node:path';
import { z } from 'zod';
import type { Logger } from '../../shared/log/logger';
import { agentPreferencesSchema } from '../../shared/settings/entity-settings';
import { readJsonFile, writeFileAtomic } from '../storage/atomic-file';

const agentSettingsSchema = z.object({
  agentName: z.string().nullable().default(null),
  autoSendGreeting: z.boolean().default(false),
  ...agentPreferencesSchema.shape,
});
export type AgentSettings = z.infer<typeof agentSettingsSchema>;

export interface AgentSettingsStore {
  get(): AgentSettings;

  update(change: Partial<AgentSettings>): Promise<AgentSettings>;
}

/**
 * Loads the settings file. A missing file gives the defaults; an unreadable or invalid
 * one is logged, kept on disk untouched, and the defaults are used until the next save.
 */
export async function openAgentSettings(dataDir: string, logger: Logger): Promise<AgentSettingsStore> {
  const path = join(dataDir, 'settings', 'agent.json');
  let current: AgentSettings = agentSettingsSchema.parse({});

  try {
    const stored = await readJsonFile(path);
    if (stored !== undefined) {
      const parsed = agentSettingsSchema.safeParse(stored);
      if (parsed.success) current = parsed.data;
      else logger.warn({ path, issues: parsed.error.issues.length }, 'agent settings file is invalid; using defaults');
    }
  } catch (error) {
    logger.warn({ path, err: error }, 'agent settings file could not be read; using defaults');
  }

  return {
    get: () => current,
    async update(change) {
      const next = { ...current, ...change };
      await writeFileAtomic(path, `${JSON.stringify(next, null, 2)}\n`);
      current = next;
      return current;
    },
  };
}
