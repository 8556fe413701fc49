/**
 * The institutional greeting that opens every chat. The protocol asks the agent to
 * greet at once with their own name and then ask for the citizen's name and email.
 */

export type DayPart = 'morning' | 'afternoon' | 'evening';

/** Returns the part of the day for a local hour: morning 05:00–11:59, afternoon 12:00–18:59, evening otherwise. */
export function dayPartAt(localHour: number): DayPart {
  if (localHour >= 5 && localHour < 12) return 'morning';
  if (localHour >= 12 && localHour < 19) return 'afternoon';
  return 'evening';
}

const SALUTATIONS: Record<DayPart, string> = {
  morning: 'Buenos días',
  afternoon: 'Buenas tardes',
  evening: 'Buenas noches',
};

/** Default request for the citizen's data, which an entity can replace in its settings. */
export const DEFAULT_DATA_REQUEST = '¿Me indica por favor su nombre y su correo electrónico?';

/** Builds "Buenas tardes, soy Ana Pérez. ¿Me indica …?" for the agent's local time. */
export function composeGreeting(agentName: string, localTime: Date, dataRequest: string = DEFAULT_DATA_REQUEST): string {
  const salutation = SALUTATIONS[dayPartAt(localTime.getHours())];
  return `${salutation}, soy ${agentName.trim()}. ${dataRequest}`;
}
