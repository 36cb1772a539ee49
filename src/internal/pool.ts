/**
 * Run `work` over `items` with at most `concurrency` in flight, keeping results in input order.
 * Once `stopped()` is true no new item starts; items never started are `undefined`.
 */
export const mapPool = async <A, B>(
  items: readonly A[],
  concurrency: number,
  work: (item: A, index: number) => Promise<B>,
  stopped: () => boolean = () => false,
): Promise<readonly (B | undefined)[]> => {
  const results: (B | undefined)[] = new Array(items.length).fill(undefined);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length && !stopped()) {
      const index = next++;
      results[index] = await work(items[index] as A, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
};
