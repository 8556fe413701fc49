import { describe, expect, it } from 'vitest';
import { agentNameSchema } from '../../../shared/protocol/agent-name';

describe('agentNameSchema', () => {
  it.each(['Ana Pérez', 'María José Núñez', "Luis O'Neill", 'Juan Pablo Gómez-Ríos'])('accepts %s', (name) => {
    expect(agentNameSchema.safeParse(name).success).toBe(true);
  });

  it('collapses spaces', () => {
    expect(agentNameSchema.parse('  Ana    Pérez ')).toBe('Ana Pérez');
  });

  it.each([
    ['', 'agentName.missing'],
    ['Ana', 'agentName.invalid'],
    ['Ana P3rez', 'agentName.invalid'],
    ['<script> alert', 'agentName.invalid'],
    [`Ana ${'a'.repeat(90)}`, 'agentName.tooLong'],
  ])('rejects %j with %s', (name, key) => {
    const result = agentNameSchema.safeParse(name);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe(key);
  });
});
