// Keeping work per unit between runs over the same round (tongbao serve). An edit replaces the
// object of the unit it changes and leaves every other unit's object as it was
// (src/serve/window.ts), so what depends on one unit alone can be kept per unit object, and
// counts over many units can be moved for the units that changed. Used by validate, aggregate
// and lint alike, so it lives here, below the stages.

/**
 * How often each key occurs over the units of some lists (names per group, URLs over all
 * sites), kept up to date by comparing each list with the units seen last time: only a unit
 * that is not the same object as before is counted again. `perList`: each list counts its own
 * keys (a name may stand once in each group).
 */
export class KeyCounts {
  private seen: unknown[][] = [];
  private keys: (string | undefined)[][] = [];
  private counts: Map<string, number>[] = [];
  /** keys that occur more than once */
  private repeats = 0;

  constructor(private readonly perList = false) {}

  /** True when some key occurs more than once (within a list, with perList). */
  update(lists: readonly unknown[][], keyOf: (unit: unknown, list: number) => string | undefined): boolean {
    if (lists.length !== this.seen.length || lists.some((l, i) => l.length !== this.seen[i].length)) {
      this.seen = lists.map((l) => l.slice());
      this.keys = lists.map((l, i) => l.map((u) => keyOf(u, i)));
      this.counts = this.perList ? lists.map(() => new Map()) : [new Map()];
      this.repeats = 0;
      this.keys.forEach((ks, l) => {
        for (const k of ks) if (k !== undefined) this.add(l, k, 1);
      });
      return this.repeats > 0;
    }
    lists.forEach((list, l) => {
      const seen = this.seen[l];
      const keys = this.keys[l];
      for (let i = 0; i < list.length; i++) {
        if (list[i] === seen[i]) continue;
        const k = keyOf(list[i], l);
        if (k !== keys[i]) {
          if (keys[i] !== undefined) this.add(l, keys[i]!, -1);
          if (k !== undefined) this.add(l, k, 1);
          keys[i] = k;
        }
        seen[i] = list[i];
      }
    });
    return this.repeats > 0;
  }

  private add(list: number, k: string, d: 1 | -1): void {
    const counts = this.counts[this.perList ? list : 0];
    const before = counts.get(k) ?? 0;
    const after = before + d;
    if (after === 0) counts.delete(k);
    else counts.set(k, after);
    if (before <= 1 && after > 1) this.repeats++;
    else if (before > 1 && after <= 1) this.repeats--;
  }
}

/**
 * The outputs for one list of units, made again only for the items that are not the same object
 * at the same place as last time (a reference comparison: far cheaper than a lookup per unit).
 * A list that grew or shrank, or a changed context, is made again in full.
 */
export class ListMemo<O> {
  private inputs: unknown[] = [];
  private outputs: O[] = [];
  private context: string | null = null;

  /**
   * `make(item, index)` for each new item; when it gives undefined (an item that cannot be
   * made this way) the memo is left as it was and undefined returned. The array returned is
   * the caller's own.
   */
  map(list: readonly unknown[], context: string, make: (item: unknown, index: number) => O | undefined): O[] | undefined {
    if (context !== this.context || list.length !== this.inputs.length) {
      const out = new Array<O>(list.length);
      for (let i = 0; i < list.length; i++) {
        const v = make(list[i], i);
        if (v === undefined) return undefined;
        out[i] = v;
      }
      this.inputs = list.slice();
      this.outputs = out;
      this.context = context;
      return out.slice();
    }
    // the same length and context: only the items that are not the same object are made;
    // the memo changes only once every one of them could be made
    const inputs = this.inputs;
    const changed: number[] = [];
    const made: O[] = [];
    for (let i = 0; i < list.length; i++) {
      if (list[i] === inputs[i]) continue;
      const v = make(list[i], i);
      if (v === undefined) return undefined;
      changed.push(i);
      made.push(v);
    }
    for (let k = 0; k < changed.length; k++) {
      inputs[changed[k]] = list[changed[k]];
      this.outputs[changed[k]] = made[k];
    }
    return this.outputs.slice();
  }

  /** Whether `map` would make every item again (a new length or context): a caller may make them some cheaper way and `seed` them. */
  fresh(list: readonly unknown[], context: string): boolean {
    return context !== this.context || list.length !== this.inputs.length;
  }

  /** The outputs of `list` made by the caller all at once (one schema check of a whole file is cheaper than one per unit). */
  seed(list: readonly unknown[], context: string, outputs: readonly O[]): void {
    this.inputs = list.slice();
    this.outputs = outputs.slice();
    this.context = context;
  }
}

/** ListMemos by name (one per list of units: sites/department, accounts/weibo/county …). */
export class ListMemos {
  private byName = new Map<string, ListMemo<unknown>>();
  of<O>(name: string): ListMemo<O> {
    let m = this.byName.get(name);
    if (!m) this.byName.set(name, (m = new ListMemo<unknown>()));
    return m as ListMemo<O>;
  }
}
