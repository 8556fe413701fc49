/** The agent's status as the status bar shows it. */

export type AgentStatus = 'available' | 'paused' | 'busy';

/** A paused agent stays paused; otherwise the agent is busy while attending a chat and available when not. */
export function agentStatus(paused: boolean, activeChats: number): AgentStatus {
  if (paused) return 'paused';
  return activeChats > 0 ? 'busy' : 'available';
}
