// A 2-d tree over spans as points (start, end), answering "which live span overlaps this one
// with the largest Jaccard?" without looking at every span, and letting matched spans be
// removed. Pure; used by the one-to-one matching in agreement-spans.ts.

/** Points per leaf: small enough to prune well, large enough to keep the tree shallow. */
const LEAF_SIZE = 8;

/** Jaccard of [s1, e1) and [s2, e2) as character ranges; 0 when they do not overlap. */
export function rangeJaccard(s1: number, e1: number, s2: number, e2: number): number {
  const inter = Math.min(e1, e2) - Math.max(s1, s2);
  return inter <= 0 ? 0 : inter / (Math.max(e1, e2) - Math.min(s1, s2));
}

const clamp = (x: number, lo: number, hi: number) => (x < lo ? lo : x > hi ? hi : x);

export class SpanTree {
  /** Point ids, permuted so that every node owns a contiguous slice. */
  private readonly order: Int32Array;
  private readonly lo: number[] = [];
  private readonly hi: number[] = [];
  /** Children; -1 for a leaf (its right child is then unused). */
  private readonly left: number[] = [];
  private readonly right: number[] = [];
  private readonly parent: number[] = [];
  private readonly minS: number[] = [];
  private readonly maxS: number[] = [];
  private readonly minE: number[] = [];
  private readonly maxE: number[] = [];
  /** Smallest live id in the subtree (Infinity when none): prunes ties that would lose. */
  private readonly minId: number[] = [];
  /** Live points in the subtree: empty subtrees are skipped. */
  private readonly live: number[] = [];
  /** By id: the leaf holding it, and whether it was removed. */
  private readonly leafOf: Int32Array;
  private readonly removed: Uint8Array;
  /** Scratch stack for searches (node, bound), reused. */
  private readonly stackNode: number[] = [];
  private readonly stackBound: number[] = [];

  /**
   * `ids` are the points; `starts[id]`, `ends[id]` their coordinates. Ties between equally good
   * partners go to the smallest id, so callers pass ids in the order that should win.
   */
  constructor(
    ids: readonly number[],
    private readonly starts: ArrayLike<number>,
    private readonly ends: ArrayLike<number>,
  ) {
    this.order = Int32Array.from(ids);
    const capacity = ids.reduce((max, id) => Math.max(max, id + 1), 0);
    this.leafOf = new Int32Array(capacity).fill(-1);
    this.removed = new Uint8Array(capacity);
    if (ids.length > 0) this.build(0, ids.length, -1);
  }

  private build(lo: number, hi: number, parent: number): number {
    const node = this.lo.length;
    let minS = Infinity;
    let maxS = -Infinity;
    let minE = Infinity;
    let maxE = -Infinity;
    let minId = Infinity;
    for (let k = lo; k < hi; k++) {
      const id = this.order[k] as number;
      const s = this.starts[id] as number;
      const e = this.ends[id] as number;
      if (s < minS) minS = s;
      if (s > maxS) maxS = s;
      if (e < minE) minE = e;
      if (e > maxE) maxE = e;
      if (id < minId) minId = id;
    }
    this.lo.push(lo);
    this.hi.push(hi);
    this.left.push(-1);
    this.right.push(-1);
    this.parent.push(parent);
    this.minS.push(minS);
    this.maxS.push(maxS);
    this.minE.push(minE);
    this.maxE.push(maxE);
    this.minId.push(minId);
    this.live.push(hi - lo);
    if (hi - lo <= LEAF_SIZE) {
      for (let k = lo; k < hi; k++) this.leafOf[this.order[k] as number] = node;
      return node;
    }
    // split the wider dimension at its median
    const coord = maxS - minS >= maxE - minE ? this.starts : this.ends;
    const slice = Array.from(this.order.subarray(lo, hi)).sort((x, y) => (coord[x] as number) - (coord[y] as number) || x - y);
    this.order.set(slice, lo);
    const mid = (lo + hi) >> 1;
    this.left[node] = this.build(lo, mid, node);
    this.right[node] = this.build(mid, hi, node);
    return node;
  }

  remove(id: number): void {
    const leaf = this.leafOf[id] ?? -1;
    if (leaf === -1 || this.removed[id] === 1) return;
    this.removed[id] = 1;
    let minId = Infinity;
    for (let k = this.lo[leaf] as number, end = this.hi[leaf] as number; k < end; k++) {
      const other = this.order[k] as number;
      if (this.removed[other] === 0 && other < minId) minId = other;
    }
    this.minId[leaf] = minId;
    this.live[leaf] = (this.live[leaf] as number) - 1;
    for (let node = this.parent[leaf] as number; node !== -1; node = this.parent[node] as number) {
      this.live[node] = (this.live[node] as number) - 1;
      this.minId[node] = Math.min(this.minId[this.left[node] as number] as number, this.minId[this.right[node] as number] as number);
    }
  }

  /**
   * Upper bound of the Jaccard of [qs, qe) with any span in the node's box: the box point
   * closest to (qs, qe) in each coordinate has both the largest intersection and the smallest
   * union, so it bounds every point in the box.
   */
  private bound(node: number, qs: number, qe: number): number {
    return rangeJaccard(qs, qe, clamp(qs, this.minS[node] as number, this.maxS[node] as number), clamp(qe, this.minE[node] as number, this.maxE[node] as number));
  }

  /**
   * The live point overlapping [qs, qe) with the largest Jaccard (ties: smallest id), or -1.
   * Visits at most `budget` nodes: past it, the best found so far (possibly -1) is returned.
   */
  best(qs: number, qe: number, budget: number): number {
    if (this.order.length === 0 || this.live[0] === 0) return -1;
    let best = -1;
    let bestJ = 0;
    let visits = 0;
    const stackNode = this.stackNode;
    const stackBound = this.stackBound;
    stackNode.length = 0;
    stackBound.length = 0;
    stackNode.push(0);
    stackBound.push(this.bound(0, qs, qe));
    while (stackNode.length > 0) {
      const node = stackNode.pop() as number;
      const bound = stackBound.pop() as number;
      // bestJ may have grown since this node was pushed
      if (bound === 0 || bound < bestJ || (bound === bestJ && (this.minId[node] as number) >= best)) continue;
      if (++visits > budget) break;
      const left = this.left[node] as number;
      if (left === -1) {
        for (let k = this.lo[node] as number, end = this.hi[node] as number; k < end; k++) {
          const id = this.order[k] as number;
          if (this.removed[id] === 1) continue;
          const j = rangeJaccard(qs, qe, this.starts[id] as number, this.ends[id] as number);
          if (j > bestJ || (j === bestJ && j > 0 && id < best)) {
            best = id;
            bestJ = j;
          }
        }
        continue;
      }
      const right = this.right[node] as number;
      const boundLeft = (this.live[left] as number) > 0 ? this.bound(left, qs, qe) : 0;
      const boundRight = (this.live[right] as number) > 0 ? this.bound(right, qs, qe) : 0;
      // the more promising child goes on top, to raise bestJ early and prune more
      if (boundLeft > boundRight || (boundLeft === boundRight && (this.minId[left] as number) < (this.minId[right] as number))) {
        stackNode.push(right, left);
        stackBound.push(boundRight, boundLeft);
      } else {
        stackNode.push(left, right);
        stackBound.push(boundLeft, boundRight);
      }
    }
    return best;
  }
}
