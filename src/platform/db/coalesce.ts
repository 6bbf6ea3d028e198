/**
 * Group calls made close together into one batch call (the DataLoader pattern, without a
 * cache): every call made before the next turn of the event loop joins one batch, and `run`
 * answers the whole batch with one statement. Used where many handlers run side by side (the
 * outbox worker's claimed messages) and each would otherwise make its own round trip.
 * `run` returns one answer per item, in the items' order; when it throws, every call of the
 * batch rejects with its error.
 */
export function coalesce<I, O>(run: (items: I[]) => Promise<O[]>, maxBatch = 500): (item: I) => Promise<O> {
  const pending: { item: I; resolve: (o: O) => void; reject: (e: unknown) => void }[] = [];
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    while (pending.length) {
      const batch = pending.splice(0, maxBatch);
      run(batch.map((b) => b.item)).then(
        (out) => {
          for (const [i, b] of batch.entries()) b.resolve(out[i] as O);
        },
        (err: unknown) => {
          for (const b of batch) b.reject(err);
        },
      );
    }
  };
  return (item) =>
    new Promise<O>((resolve, reject) => {
      pending.push({ item, resolve, reject });
      if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    });
}

/** {@link coalesce} for reads by key: `load` returns what it found; a key not found is `missing`. */
export function coalesceByKey<K, V>(
  load: (keys: K[]) => Promise<Map<K, V>>,
  missing: V,
  maxBatch = 500,
): (key: K) => Promise<V> {
  return coalesce<K, V>(async (keys) => {
    const found = await load([...new Set(keys)]);
    return keys.map((k) => (found.has(k) ? found.get(k)! : missing));
  }, maxBatch);
}
