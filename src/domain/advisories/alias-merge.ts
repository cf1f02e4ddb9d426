/**
 * Plans how a batch of advisories joins the stored alias groups. Identifiers that one advisory
 * names together (its id and aliases) belong to one group, transitively; stored groups that a
 * batch connects are merged into the oldest (smallest id). Groups only grow: an alias removed
 * later does not split a group (an analyst's triage of the group stays valid).
 */

export interface AliasPlanInput {
  /** Per advisory of the batch: its id and aliases. */
  readonly records: ReadonlyArray<readonly string[]>;
  /** Stored memberships of the identifiers the batch names. */
  readonly memberships: ReadonlyMap<string, number>;
}

export interface AliasComponent {
  /** Stored group that survives, or null when the component needs a new group. */
  readonly target: number | null;
  /** Other stored groups to fold into the target. */
  readonly merged: readonly number[];
  /** Identifiers of the component (batch and stored ones the batch named). */
  readonly identifiers: readonly string[];
}

export interface AliasPlan {
  readonly components: readonly AliasComponent[];
  /** For each record of the batch, the index of its component. */
  readonly recordComponent: readonly number[];
}

export function planAliasGroups(input: AliasPlanInput): AliasPlan {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let root = x;
    while (parent.get(root) !== root) {
      if (!parent.has(root)) parent.set(root, root);
      else root = parent.get(root)!;
    }
    let cur = x;
    while (parent.get(cur) !== root) {
      const next = parent.get(cur)!;
      parent.set(cur, root);
      cur = next;
    }
    return root;
  };
  const union = (a: string, b: string) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(ra < rb ? rb : ra, ra < rb ? ra : rb);
  };
  const node = (id: string) => `i:${id}`;
  for (const ids of input.records) {
    const unique = [...new Set(ids.filter((i) => i.length > 0))];
    for (const id of unique) {
      const n = node(id);
      if (!parent.has(n)) parent.set(n, n);
      const g = input.memberships.get(id);
      if (g !== undefined) {
        const gn = `g:${String(g).padStart(20, '0')}`;
        if (!parent.has(gn)) parent.set(gn, gn);
        union(n, gn);
      }
    }
    for (let i = 1; i < unique.length; i++) union(node(unique[0]!), node(unique[i]!));
  }
  const byRoot = new Map<string, { groups: Set<number>; identifiers: Set<string> }>();
  for (const n of parent.keys()) {
    const r = find(n);
    let c = byRoot.get(r);
    if (!c) byRoot.set(r, (c = { groups: new Set(), identifiers: new Set() }));
    if (n.startsWith('g:')) c.groups.add(Number(n.slice(2)));
    else c.identifiers.add(n.slice(2));
  }
  const roots = [...byRoot.keys()].sort();
  const index = new Map(roots.map((r, i) => [r, i]));
  const components = roots.map((r) => {
    const c = byRoot.get(r)!;
    const groups = [...c.groups].sort((a, b) => a - b);
    return { target: groups[0] ?? null, merged: groups.slice(1), identifiers: [...c.identifiers].sort() };
  });
  const recordComponent = input.records.map((ids) => {
    const first = ids.find((i) => i.length > 0);
    return first === undefined ? -1 : index.get(find(node(first)))!;
  });
  return { components, recordComponent };
}

/** The id shown for a group: its CVE when it has exactly one, else the smallest identifier. */
export function primaryIdentifier(identifiers: readonly string[]): string {
  const cves = identifiers.filter((i) => /^CVE-\d{4}-\d{4,}$/.test(i));
  if (cves.length === 1) return cves[0]!;
  return [...identifiers].sort()[0] ?? '';
}
