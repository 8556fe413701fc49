import { describe, expect, it } from 'vitest';
import { MIN_SAMPLES, roundWaitMs, WaitEstimator, type AgentCapacity } from '../../../hub/wait-estimate';
import { positionStatus, waitRange } from '../../../hub/widget/wait-text';

const MINUTE = 60_000;

/** Available agents with every slot taken, so each position waits for chats in progress to end. */
const full = (availableAgents: number, chatsPerAgent = 5): AgentCapacity => ({ availableAgents, freeSlots: 0, chatsPerAgent });

describe('wait estimator', () => {
  it('gives a free agent no wait', () => {
    const estimator = new WaitEstimator(5 * MINUTE);
    // Two agents connected and idle: the first ten in line fit in their free slots.
    const idle: AgentCapacity = { availableAgents: 2, freeSlots: 10, chatsPerAgent: 5 };
    expect(estimator.estimate(1, idle)).toEqual({ waitMs: 0, basis: 'free-agent' });
    expect(estimator.estimate(10, idle)).toEqual({ waitMs: 0, basis: 'free-agent' });
    // The eleventh waits for one of ten chats to end: a tenth of a handling time, under a minute.
    expect(estimator.estimate(11, idle)).toEqual({ waitMs: 0, basis: 'default' });
  });

  it('counts only the slots still free', () => {
    const estimator = new WaitEstimator(10 * MINUTE);
    const oneFree: AgentCapacity = { availableAgents: 1, freeSlots: 1, chatsPerAgent: 2 };
    expect(estimator.estimate(1, oneFree)?.waitMs).toBe(0);
    // Position 3 waits for two chats to end at two chats per 10 minutes.
    expect(estimator.estimate(3, oneFree)).toEqual({ waitMs: 10 * MINUTE, basis: 'default' });
  });

  it('uses the default until enough chats ended', () => {
    const estimator = new WaitEstimator(5 * MINUTE);
    expect(estimator.estimate(5, full(1))).toEqual({ waitMs: 5 * MINUTE, basis: 'default' });
    for (let index = 1; index < MIN_SAMPLES; index += 1) estimator.record(10 * MINUTE);
    expect(estimator.meanHandlingMs()).toBe(5 * MINUTE);
    expect(estimator.estimate(5, full(1))?.basis).toBe('default');

    estimator.record(10 * MINUTE);
    expect(estimator.meanHandlingMs()).toBe(10 * MINUTE);
    expect(estimator.estimate(5, full(1))).toEqual({ waitMs: 10 * MINUTE, basis: 'recent-chats' });
  });

  it('averages the recent handling times', () => {
    const estimator = new WaitEstimator(300_000);
    estimator.record(60_000);
    estimator.record(120_000);
    estimator.record(90_000);
    estimator.record(-5);
    estimator.record(Number.NaN);
    expect(estimator.meanHandlingMs()).toBe(90_000);
    for (let index = 0; index < 20; index += 1) estimator.record(30_000);
    expect(estimator.meanHandlingMs()).toBe(30_000);
  });

  it('gives no estimate without an available agent', () => {
    const estimator = new WaitEstimator(5 * MINUTE);
    expect(estimator.estimate(1, full(0))).toBeUndefined();
    expect(estimator.estimate(1, { availableAgents: 2, freeSlots: 0, chatsPerAgent: 0 })).toBeUndefined();
  });

  it('scales with agents and position', () => {
    const estimator = new WaitEstimator(5 * MINUTE);
    // One agent ending five chats per 5 minutes: one minute per place, rounded up to at least 2.
    expect(estimator.estimate(1, full(1))?.waitMs).toBe(2 * MINUTE);
    expect(estimator.estimate(3, full(1))?.waitMs).toBe(3 * MINUTE);
    expect(estimator.estimate(12, full(1))?.waitMs).toBe(15 * MINUTE);
    // Twice the agents, half the wait.
    expect(estimator.estimate(12, full(2))?.waitMs).toBe(10 * MINUTE);
  });
});

describe('wait rounding', () => {
  it.each([
    [0, 0],
    [59_999, 0],
    [60_000, 2 * MINUTE],
    [2.5 * MINUTE, 3 * MINUTE],
    [5 * MINUTE, 5 * MINUTE],
    [5 * MINUTE + 1, 10 * MINUTE],
    [23 * MINUTE, 25 * MINUTE],
    [95 * MINUTE, 95 * MINUTE],
  ])('rounds %d ms up to %d ms', (waitMs, rounded) => {
    expect(roundWaitMs(waitMs)).toBe(rounded);
  });
});

describe('widget wait text', () => {
  it.each([
    [0, 'menos de 1 min'],
    [30_000, 'menos de 1 min'],
    [2 * MINUTE, 'unos 2 min'],
    [5 * MINUTE, 'unos 5 min'],
    [60 * MINUTE, 'unos 60 min'],
    [65 * MINUTE, 'más de 1 hora'],
  ])('shows %d ms as %s', (waitMs, range) => {
    expect(waitRange(waitMs)).toBe(range);
  });

  it('names recent chats only when the estimate rests on them', () => {
    expect(positionStatus({ position: 2, estimatedWaitMs: 5 * MINUTE, estimateBasis: 'recent-chats' })).toBe(
      'Usted es el número 2 en la fila. Tiempo de espera estimado: unos 5 min, según la duración de los chats recientes.',
    );
    expect(positionStatus({ position: 2, estimatedWaitMs: 5 * MINUTE, estimateBasis: 'default' })).toBe(
      'Usted es el número 2 en la fila. Tiempo de espera estimado: unos 5 min.',
    );
    // A hub that sends no basis gets no claim either.
    expect(positionStatus({ position: 2, estimatedWaitMs: 5 * MINUTE })).toBe('Usted es el número 2 en la fila. Tiempo de espera estimado: unos 5 min.');
  });

  it('shows a free agent and no estimate', () => {
    expect(positionStatus({ position: 1, estimatedWaitMs: 0, estimateBasis: 'free-agent' })).toBe('Usted es el número 1 en la fila. Tiempo de espera estimado: menos de 1 min.');
    expect(positionStatus({ position: 4 })).toBe('Usted es el número 4 en la fila.');
  });
});
