/** The agent's name as the greeting uses it: the protocol asks for first name and surname. */
import { z } from 'zod';

export const AGENT_NAME_MAX_LENGTH = 80;

/**
 * Accepts two or more words of letters (with accents, ñ, apostrophes and hyphens),
 * because the greeting says "soy (nombre y apellido)".
 */
export const agentNameSchema = z
  .string()
  .transform((name) => name.replace(/\s+/g, ' ').trim())
  .pipe(
    z
      .string()
      .min(1, { message: 'agentName.missing' })
      .max(AGENT_NAME_MAX_LENGTH, { message: 'agentName.tooLong' })
      .regex(/^[\p{L}][\p{L}'’.-]*( [\p{L}][\p{L}'’.-]*)+$/u, { message: 'agentName.invalid' }),
  );
