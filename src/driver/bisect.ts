// Which items of a set make a predicate fail: halves are tried until single culprits remain (a
// compiler crash or hang on one function of a batch, a link failure, an unplaced compile error).

export interface Isolated<T, R> {
  /** The failing items, each with the predicate's failing result on it alone. */
  culprits: { item: T; result: R }[];
  /** Items that fail only together (no smaller part fails): reported as one group. */
  together: T[];
}

/**
 * `fails(xs)` returns a failing result, or null when xs pass. `whole` is the result on `items`
 * (already known to fail). Halves run one after the other: each may take a whole timeout.
 */
export async function isolate<T, R>(items: T[], whole: R, fails: (xs: T[]) => Promise<R | null>): Promise<Isolated<T, R>> {
  const out: Isolated<T, R> = { culprits: [], together: [] };
  const walk = async (xs: T[], result: R): Promise<void> => {
    if (xs.length === 1) {
      out.culprits.push({ item: xs[0]!, result });
      return;
    }
    const mid = Math.ceil(xs.length / 2);
    const halves = [xs.slice(0, mid), xs.slice(mid)];
    let any = false;
    for (const h of halves) {
      const r = await fails(h);
      if (r === null) continue;
      any = true;
      await walk(h, r);
    }
    if (!any) out.together.push(...xs);
  };
  await walk(items, whole);
  return out;
}
