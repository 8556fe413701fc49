/** The agent's status as the status bar shows it. */

export type AgentStatus = 'available' | 'paused' | 'busy';

/** Returns 'paused' while paused, otherwise 'busy' while the agent attends a chat and 'available' when not. */
export function agentStatus(paused: boolean, activeChats: number): AgentStatus {
  if (paused) return 'paused';
  return activeChats > 0 ? 'busy' : 'available';
}
