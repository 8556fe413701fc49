/**
 * The agents frame: every connected agent with its availability and the chats it
 * serves toward the maximum. Changes are coalesced, so each agent gets at most one
 * frame per interval however many agents change state, and a change that leaves the
 * list as it was sends nothing.
 */
import type { AgentEntry, AgentPresence, HubToAgentFrame } from '../shared/hub/protocol';
import { FlushTimer } from './flush-timer';
import type { AgentHandle } from './live-chat';

export interface AgentsFrameSource {
  agents(): Iterable<AgentHandle>;
  /** Counts the chats that count toward the agent's maximum. */
  chatsServed(agent: AgentHandle): number;
  maxChats: number;
}

export class AgentsFrame {
  private readonly flush: FlushTimer;
  /** The frame sent last to every agent. */
  private lastFrame = '';

  constructor(
    intervalMs: number,
    private readonly source: AgentsFrameSource,
  ) {
    this.flush = new FlushTimer(intervalMs, () => this.sendToAll());
  }

  /** Sends the list to every agent now, or at the end of the interval when the last frame went out less than an interval ago. */
  schedule(): void {
    this.flush.schedule();
  }

  /** Sends the list to one agent now, for example right after its welcome. */
  sendTo(agent: AgentHandle): void {
    agent.link.send(this.encode());
  }

  cancel(): void {
    this.flush.cancel();
  }

  /** Lists the connected agents by name; "busy" is an available agent at its maximum of chats. */
  entries(): AgentEntry[] {
    const max = this.source.maxChats;
    const entries = [...this.source.agents()].map((agent): AgentEntry => {
      const chats = this.source.chatsServed(agent);
      return { name: agent.name, availability: presenceOf(agent, chats, max), chats, maxChats: max };
    });
    return entries.sort((a, b) => a.name.localeCompare(b.name, 'es'));
  }

  private encode(): string {
    return JSON.stringify({ type: 'agents', agents: this.entries() } satisfies HubToAgentFrame);
  }

  /** Encodes one frame and sends it to every agent, unless it is the frame sent last time. */
  private sendToAll(): void {
    const frame = this.encode();
    if (frame === this.lastFrame) return;
    this.lastFrame = frame;
    for (const agent of this.source.agents()) agent.link.send(frame);
  }
}

function presenceOf(agent: AgentHandle, chats: number, maxChats: number): AgentPresence {
  if (agent.availability === 'paused') return 'paused';
  return chats >= maxChats ? 'busy' : 'available';
}
