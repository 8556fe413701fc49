/** Checks the agent's name in the form before it is sent, with the same rule the Node side applies. */
import { agentNameSchema } from '../../shared/protocol/agent-name';

export type AgentNameCheck = { ok: true; name: string } | { ok: false; messageKey: string };

/** Returns the normalized name, or the catalog key (agentName.*) of the rule it breaks. */
export function checkAgentName(input: string): AgentNameCheck {
  const parsed = agentNameSchema.safeParse(input);
  if (parsed.success) return { ok: true, name: parsed.data };
  return { ok: false, messageKey: parsed.error.issues[0]?.message ?? 'agentName.invalid' };
}
