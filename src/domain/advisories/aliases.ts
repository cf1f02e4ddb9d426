/**
 * Alias groups: the views of one vulnerability from different sources (CVE-…, GHSA-…, PYSEC-…,
 * vendor ids) grouped together.
 *
 * Rules:
 * - Two ids are in the same group when a record names the other in `aliases`, transitively
 *   (A aliases B, C aliases B → {A, B, C}), whichever record says it and in whichever direction.
 *   Chains and cycles resolve to one group (union-find).
 * - `related` (OSV: a different vulnerability, e.g. a similar flaw) never merges groups, and
 *   neither does `upstream` (OSV: the CVEs a distribution advisory was built from; one DSA names
 *   dozens of CVEs, which are different vulnerabilities). `upstreamClosure` follows upstream
 *   links transitively for display, without grouping.
 * - The group key is the CVE id when exactly one CVE id (CVE-YYYY-NNNN…) is in the group, else the
 *   smallest id (code-unit order). So a GHSA and the CVE it aliases are filed under the CVE.
 * - The result depends only on the set of (id, aliases) pairs, never on record order.
 *
 * Pure: no I/O. The store keeps the groups (ids and each member record's asserted aliases) and
 * calls `mergeInto` with each batch to learn which groups changed.
 */

/** The part of an advisory that grouping reads. Extra fields (related, upstream) are ignored. */
export interface AliasRecord {
  readonly id: string;
  readonly aliases: readonly string[];
}

export interface AliasGroup {
  /** Stable name of the group (see module rules). */
  readonly key: string;
  /** Every id in the group, sorted: record ids and ids only named as aliases. */
  readonly ids: readonly string[];
  /** The records in the group with the aliases each asserts, sorted by id (needed to split a group when a record drops an alias). */
  readonly records: readonly AliasRecord[];
}

const CVE_ID = /^CVE-\d{4}-\d{4,}$/u;

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The key of a group of ids: its only CVE id, else its smallest id. */
export function groupKey(ids: Iterable<string>): string {
  let smallest: string | null = null;
  const cves = new Set<string>();
  for (const id of ids) {
    if (smallest === null || id < smallest) smallest = id;
    if (CVE_ID.test(id)) cves.add(id);
  }
  if (smallest === null) throw new Error('groupKey: empty group');
  return cves.size === 1 ? [...cves][0]! : smallest;
}

/** Records with the same id are one record whose aliases are the union (order-independent). */
function consolidate(records: Iterable<AliasRecord>): Map<string, Set<string>> {
  const byId = new Map<string, Set<string>>();
  for (const r of records) {
    let set = byId.get(r.id);
    if (!set) byId.set(r.id, (set = new Set()));
    for (const a of r.aliases) if (a !== r.id && a !== '') set.add(a);
  }
  return byId;
}

class UnionFind {
  private readonly parent = new Map<string, string>();

  find(x: string): string {
    let root = x;
    for (;;) {
      const p = this.parent.get(root);
      if (p === undefined) {
        this.parent.set(root, root);
        break;
      }
      if (p === root) break;
      root = p;
    }
    // path compression
    let cur = x;
    while (cur !== root) {
      const next = this.parent.get(cur)!;
      this.parent.set(cur, root);
      cur = next;
    }
    return root;
  }

  union(a: string, b: string): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return;
    // deterministic: the smaller id becomes the root
    if (ra < rb) this.parent.set(rb, ra);
    else this.parent.set(ra, rb);
  }

  elements(): IterableIterator<string> {
    return this.parent.keys();
  }
}

function groupsOf(byId: Map<string, Set<string>>): AliasGroup[] {
  const uf = new UnionFind();
  for (const [id, aliases] of byId) {
    uf.find(id);
    for (const a of aliases) uf.union(id, a);
  }
  const members = new Map<string, string[]>();
  for (const id of [...uf.elements()]) {
    const root = uf.find(id);
    const list = members.get(root);
    if (list) list.push(id);
    else members.set(root, [id]);
  }
  const groups: AliasGroup[] = [];
  for (const ids of members.values()) {
    ids.sort(compareIds);
    const records = ids.filter((id) => byId.has(id)).map((id) => ({ id, aliases: [...byId.get(id)!].sort(compareIds) }));
    groups.push({ key: groupKey(ids), ids, records });
  }
  return groups.sort((a, b) => compareIds(a.key, b.key) || compareIds(a.ids[0]!, b.ids[0]!));
}

/** Groups records by alias, transitively. Sorted by key. */
export function groupAliases(records: Iterable<AliasRecord>): AliasGroup[] {
  return groupsOf(consolidate(records));
}

export interface AliasMergeResult {
  /** Groups that are new or whose ids, key or member records changed, sorted by key. */
  readonly changed: readonly AliasGroup[];
  /** Keys of existing groups that no longer exist as such (merged into another, split, or re-keyed). */
  readonly removed: readonly string[];
}

function sameGroup(a: AliasGroup, b: AliasGroup): boolean {
  if (a.key !== b.key || a.ids.length !== b.ids.length || a.records.length !== b.records.length) return false;
  if (a.ids.some((id, i) => id !== b.ids[i])) return false;
  return a.records.every((r, i) => {
    const o = b.records[i]!;
    return r.id === o.id && r.aliases.length === o.aliases.length && r.aliases.every((x, j) => x === o.aliases[j]);
  });
}

/**
 * Incremental grouping. `existing` are the stored groups (closed: every id of a stored record is
 * in exactly one group); `newRecords` are new or updated records (an updated record replaces the
 * stored record with the same id, so a dropped alias can split a group). Only the groups the new
 * records touch are recomputed. Applying the result to `existing` (drop `removed`, upsert
 * `changed`) gives exactly `groupAliases` over all current records.
 */
export function mergeInto(existing: readonly AliasGroup[], newRecords: readonly AliasRecord[]): AliasMergeResult {
  const groupOfId = new Map<string, AliasGroup>();
  for (const g of existing) for (const id of g.ids) groupOfId.set(id, g);
  const incoming = consolidate(newRecords);
  const touched = new Set<AliasGroup>();
  for (const [id, aliases] of incoming) {
    for (const x of [id, ...aliases]) {
      const g = groupOfId.get(x);
      if (g) touched.add(g);
    }
  }
  // Records of the touched groups, with stored versions of re-sent records replaced.
  const byId = new Map<string, Set<string>>();
  for (const g of touched) for (const r of g.records) if (!incoming.has(r.id)) byId.set(r.id, new Set(r.aliases));
  for (const [id, aliases] of incoming) byId.set(id, aliases);
  const recomputed = groupsOf(byId);

  const before = new Map([...touched].map((g) => [g.key, g]));
  const changed = recomputed.filter((g) => {
    const old = before.get(g.key);
    return !old || !sameGroup(old, g);
  });
  const after = new Set(recomputed.map((g) => g.key));
  const removed = [...before.keys()].filter((k) => !after.has(k)).sort(compareIds);
  return { changed, removed };
}

/**
 * Transitive `upstream` links of each record (OSV: the records a record was derived from), with
 * cycles cut: a record never lists itself. Ids without a record contribute no further links.
 */
export function upstreamClosure(records: Iterable<{ readonly id: string; readonly upstream?: readonly string[] }>): Map<string, string[]> {
  const direct = new Map<string, Set<string>>();
  for (const r of records) {
    let set = direct.get(r.id);
    if (!set) direct.set(r.id, (set = new Set()));
    for (const u of r.upstream ?? []) set.add(u);
  }
  const out = new Map<string, string[]>();
  for (const id of direct.keys()) {
    const seen = new Set<string>();
    const stack = [...direct.get(id)!];
    while (stack.length > 0) {
      const next = stack.pop()!;
      if (next === id || seen.has(next)) continue;
      seen.add(next);
      for (const u of direct.get(next) ?? []) stack.push(u);
    }
    out.set(id, [...seen].sort(compareIds));
  }
  return out;
}
