// The line's order: first come, first served, a requeued call back at the head.
import { describe, expect, it } from 'vitest';
import { lineOrder } from '../../src/core/line-order.js';

const place = (code: string, orderKey: number, joinedAt = orderKey * 1000): { code: string; orderKey: number; joinedAt: number } => ({ code, orderKey, joinedAt });

describe('lineOrder', () => {
  it('serves in join order', () => {
    const line = [place('A-003', 3), place('A-001', 1), place('A-002', 2)];
    expect(lineOrder(line).map((p) => p.code)).toEqual(['A-001', 'A-002', 'A-003']);
  });

  it('puts a requeued call (a key below the head’s) ahead of everyone, whenever it joined', () => {
    const line = [place('A-002', 2), place('A-003', 3), place('A-001', 0, 1000)];
    expect(lineOrder(line).map((p) => p.code)).toEqual(['A-001', 'A-002', 'A-003']);
    const twice = [...line, place('A-004', -1, 4000)];
    expect(lineOrder(twice).map((p) => p.code)).toEqual(['A-004', 'A-001', 'A-002', 'A-003']);
  });

  it('breaks a tie of keys by the earlier join', () => {
    expect(lineOrder([place('B', 5, 2000), place('A', 5, 1000)]).map((p) => p.code)).toEqual(['A', 'B']);
  });

  it('leaves its input alone and handles an empty line', () => {
    const line = [place('A-002', 2), place('A-001', 1)];
    lineOrder(line);
    expect(line.map((p) => p.code)).toEqual(['A-002', 'A-001']);
    expect(lineOrder([])).toEqual([]);
  });
});
