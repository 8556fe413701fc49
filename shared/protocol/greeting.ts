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

/**
 * The greeting's and the farewell's words for each part of the day, so both follow
 * the same clock: "Buenas tardes" on arrival, "Que tenga una buena tarde" on leaving.
 */
const DAY_PART_WORDS: Record<DayPart, { salutation: string; farewellWish: string }> = {
  morning: { salutation: 'Buenos días', farewellWish: 'Que tenga un buen día' },
  afternoon: { salutation: 'Buenas tardes', farewellWish: 'Que tenga una buena tarde' },
  evening: { salutation: 'Buenas noches', farewellWish: 'Que tenga una buena noche' },
};

/** Returns "Buenos días", "Buenas tardes" or "Buenas noches" for the agent's local time. */
export function salutationAt(localTime: Date): string {
  return DAY_PART_WORDS[dayPartAt(localTime.getHours())].salutation;
}

/** Returns "Que tenga un buen día", "Que tenga una buena tarde" or "Que tenga una buena noche" for the agent's local time. */
export function farewellWishAt(localTime: Date): string {
  return DAY_PART_WORDS[dayPartAt(localTime.getHours())].farewellWish;
}

/** Default request for the citizen's data, which an entity can replace in its settings. */
export const DEFAULT_DATA_REQUEST = '¿Me indica por favor su nombre y su correo electrónico?';

/** Builds "Buenas tardes, soy Ana Pérez. ¿Me indica …?" for the agent's local time. */
export function composeGreeting(agentName: string, localTime: Date, dataRequest: string = DEFAULT_DATA_REQUEST): string {
  return `${salutationAt(localTime)}, soy ${agentName.trim()}. ${dataRequest}`;
}
