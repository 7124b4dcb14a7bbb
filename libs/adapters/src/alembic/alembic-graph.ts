/** A revision as the revision graph sees it. */
export interface RevisionNode {
  readonly revision: string;
  /** `down_revision`: nothing for a base, several for a merge revision. */
  readonly downRevisions: readonly string[];
  /** `depends_on`: revision ids or branch labels that must run first. */
  readonly dependsOn: readonly string[];
  readonly branchLabels: readonly string[];
}

export interface PlannedRevision {
  readonly revision: string;
  /** Set when the revision is in a cycle: revision ids along one cycle, back to itself. */
  readonly cycle?: readonly string[];
}

const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The apply order of a revision graph: parents (`down_revision` and `depends_on`, the latter by
 * revision id or branch label) before children, several heads and bases allowed, and among the
 * revisions ready to run the smallest revision id first, so the order is deterministic for any
 * input order. A parent missing from the scan is ignored. A cycle, which Alembic refuses, is
 * treated as one node whose members run in revision id order, each marked with its cycle.
 */
export function planRevisions(nodes: readonly RevisionNode[]): PlannedRevision[] {
  const known = new Map<string, RevisionNode>();
  for (const node of [...nodes].sort((a, b) => byId(a.revision, b.revision))) {
    if (!known.has(node.revision)) known.set(node.revision, node);
  }
  const labels = new Map<string, string>();
  for (const node of known.values()) {
    for (const label of node.branchLabels) if (!labels.has(label)) labels.set(label, node.revision);
  }
  const parents = new Map<string, string[]>();
  for (const node of known.values()) {
    const resolved = new Set<string>();
    for (const ref of node.downRevisions) if (known.has(ref)) resolved.add(ref);
    for (const ref of node.dependsOn) {
      const target = known.has(ref) ? ref : labels.get(ref);
      if (target !== undefined) resolved.add(target);
    }
    parents.set(node.revision, [...resolved].sort(byId));
  }
  const components = stronglyConnected([...known.keys()], parents);
  return topologicalOrder(components, parents);
}

interface Component {
  /** Members in revision id order; more than one only for a cycle. */
  readonly members: string[];
  readonly cyclic: boolean;
}

/** Tarjan's strongly connected components, iterative so long chains cannot overflow the stack. */
function stronglyConnected(ids: readonly string[], parents: Map<string, string[]>): Component[] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: Component[] = [];
  let counter = 0;
  for (const root of ids) {
    if (index.has(root)) continue;
    const work: { id: string; next: number }[] = [];
    const open = (id: string) => {
      index.set(id, counter);
      low.set(id, counter);
      counter++;
      stack.push(id);
      onStack.add(id);
      work.push({ id, next: 0 });
    };
    open(root);
    while (work.length > 0) {
      const frame = work.at(-1)!;
      const edges = parents.get(frame.id)!;
      if (frame.next < edges.length) {
        const to = edges[frame.next++]!;
        if (!index.has(to)) open(to);
        else if (onStack.has(to)) low.set(frame.id, Math.min(low.get(frame.id)!, index.get(to)!));
        continue;
      }
      work.pop();
      const caller = work.at(-1);
      if (caller) low.set(caller.id, Math.min(low.get(caller.id)!, low.get(frame.id)!));
      if (low.get(frame.id) !== index.get(frame.id)) continue;
      const members: string[] = [];
      let id: string;
      do {
        id = stack.pop()!;
        onStack.delete(id);
        members.push(id);
      } while (id !== frame.id);
      members.sort(byId);
      const selfLoop = members.length === 1 && parents.get(members[0]!)!.includes(members[0]!);
      components.push({ members, cyclic: members.length > 1 || selfLoop });
    }
  }
  return components;
}

/** Kahn's algorithm over the components, the one with the smallest revision id first. */
function topologicalOrder(
  components: readonly Component[],
  parents: Map<string, string[]>,
): PlannedRevision[] {
  const componentOf = new Map<string, Component>();
  for (const component of components) {
    for (const member of component.members) componentOf.set(member, component);
  }
  const waitingFor = new Map<Component, number>();
  const children = new Map<Component, Set<Component>>();
  for (const component of components) {
    const upstream = new Set<Component>();
    for (const member of component.members) {
      for (const parent of parents.get(member)!) {
        const other = componentOf.get(parent)!;
        if (other !== component) upstream.add(other);
      }
    }
    waitingFor.set(component, upstream.size);
    for (const parent of upstream) {
      const set = children.get(parent) ?? new Set<Component>();
      set.add(component);
      children.set(parent, set);
    }
  }
  const head = (component: Component) => component.members[0]!;
  const ready = components.filter((component) => waitingFor.get(component) === 0);
  ready.sort((a, b) => byId(head(b), head(a)));
  const plan: PlannedRevision[] = [];
  while (ready.length > 0) {
    // `ready` is sorted descending, so the smallest id is last.
    const component = ready.pop()!;
    for (const member of component.members) {
      plan.push(
        component.cyclic
          ? { revision: member, cycle: cycleThrough(member, component, parents) }
          : { revision: member },
      );
    }
    for (const child of children.get(component) ?? []) {
      const remaining = waitingFor.get(child)! - 1;
      waitingFor.set(child, remaining);
      if (remaining === 0) insertDescending(ready, child, head);
    }
  }
  return plan;
}

function insertDescending(
  list: Component[],
  item: Component,
  head: (component: Component) => string,
): void {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (byId(head(list[middle]!), head(item)) > 0) low = middle + 1;
    else high = middle;
  }
  list.splice(low, 0, item);
}

/** The shortest path from a revision through its parents back to itself, inside its cycle. */
function cycleThrough(
  start: string,
  component: Component,
  parents: Map<string, string[]>,
): string[] {
  const inside = new Set(component.members);
  const previous = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const id = queue.shift()!;
    for (const parent of parents.get(id)!) {
      if (!inside.has(parent)) continue;
      if (parent === start) {
        const path: string[] = [];
        for (let at: string | undefined = id; at !== undefined; at = previous.get(at)) {
          path.unshift(at);
        }
        return [...path, start];
      }
      if (!previous.has(parent)) {
        previous.set(parent, id);
        queue.push(parent);
      }
    }
  }
  return [start, start];
}
