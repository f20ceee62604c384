import { SeededRandom } from '../../common/seeded-random';
import { MinHeap } from './min-heap';

describe('MinHeap', () => {
  it('pops in comparator order, whatever the push order', () => {
    const rng = new SeededRandom('heap');
    const values = Array.from({ length: 200 }, () => rng.int(0, 50));
    const heap = new MinHeap<number>((a, b) => a - b);
    values.forEach((v) => heap.push(v));
    const popped: number[] = [];
    while (heap.size) popped.push(heap.pop() as number);
    expect(popped).toEqual([...values].sort((a, b) => a - b));
    expect(heap.pop()).toBeUndefined();
    expect(heap.peek()).toBeUndefined();
  });
});
