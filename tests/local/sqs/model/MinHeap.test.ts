import { Deque } from '../../../../local/sqs/model/Deque';
import { MinHeap } from '../../../../local/sqs/model/MinHeap';

describe('MinHeap', () => {
  it('pops entries soonest first', () => {
    const heap = new MinHeap<{ visibleAt: number; heapIndex: number }>();
    const times = [50, 10, 40, 10, 90, 0, 30, 70, 20, 60];

    for (const at of times) heap.push({ visibleAt: at, heapIndex: -1 });
    const popped: number[] = [];
    for (let entry = heap.pop(); entry !== undefined; entry = heap.pop()) popped.push(entry.visibleAt);

    expect(popped).toEqual([...times].sort((a, b) => a - b));
    expect(heap.size).toBe(0);
  });
});

describe('Deque', () => {
  it('keeps order across growth and wrap-around', () => {
    const deque = new Deque<number>(2);
    deque.push(1);
    deque.push(2);
    expect(deque.shift()).toBe(1);

    for (let i = 3; i <= 6; i++) deque.push(i);
    deque.unshift(0);

    expect([...deque]).toEqual([0, 2, 3, 4, 5, 6]);
    expect(deque.at(2)).toBe(3);
    expect(deque.length).toBe(6);
  });
});

describe('Deque.compact', () => {
  it('keeps the accepted items in order', () => {
    const deque = new Deque<number>(4);
    for (let i = 0; i < 10; i++) deque.push(i);
    deque.shift();

    deque.compact((n) => n % 3 === 0);

    expect([...deque]).toEqual([3, 6, 9]);
    deque.push(10);
    expect(deque.shift()).toBe(3);
  });
});

describe('MinHeap.remove and update', () => {
  it('removes and re-keys entries in place', () => {
    const heap = new MinHeap<{ visibleAt: number; heapIndex: number }>();
    const entries = [40, 10, 30, 20].map((visibleAt) => ({ visibleAt, heapIndex: -1 }));
    for (const entry of entries) heap.push(entry);

    heap.remove(entries[1] as { visibleAt: number; heapIndex: number });
    (entries[0] as { visibleAt: number }).visibleAt = 5;
    heap.update(entries[0] as { visibleAt: number; heapIndex: number });

    expect([heap.pop()?.visibleAt, heap.pop()?.visibleAt, heap.pop()?.visibleAt, heap.pop()]).toEqual([5, 20, 30, undefined]);
    expect(entries[1]?.heapIndex).toBe(-1);
  });
});
