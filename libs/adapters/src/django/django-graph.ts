/** A migration as the dependency graph sees it. `name` may be `__first__` or `__latest__`. */
export interface MigrationRef {
  readonly app: string;
  readonly name: string;
}

export interface GraphMigration extends MigrationRef {
  readonly dependencies: readonly MigrationRef[];
  readonly runBefore: readonly MigrationRef[];
  /** A squashed migration lists the migrations it replaces. */
  readonly replaces: readonly MigrationRef[];
}

export type PlanRole =
  /** Its operations run. */
  | 'apply'
  /** Replaced by a squashed migration that is used instead (not every original is present). */
  | 'replaced'
  /** A squashed migration whose originals are all present, so the originals run. */
  | 'squash-unused';

export interface PlanEntry {
  readonly app: string;
  readonly name: string;
  readonly role: PlanRole;
  /** Set when the migration is in a dependency cycle: the keys along one cycle, back to itself. */
  readonly cycle?: readonly string[];
}

export function migrationKey(ref: MigrationRef): string {
  return `${ref.app}.${ref.name}`;
}

function compareRefs(a: MigrationRef, b: MigrationRef): number {
  if (a.app !== b.app) return a.app < b.app ? -1 : 1;
  if (a.name !== b.name) return a.name < b.name ? -1 : 1;
  return 0;
}

/**
 * Orders migrations the way `manage.py migrate` applies them: squashed migrations resolved (the
 * originals when all are present, else the squash), dependencies and `run_before` as edges,
 * `__first__`/`__latest__` resolved, dependencies on migrations outside the scan ignored. Then
 * Django's own plan: for each leaf (a node no migration of its own app depends on), in (app, name)
 * order, a depth-first walk over sorted parents. A dependency cycle, which Django refuses, is
 * treated as one node whose members run in (app, name) order and are marked with the cycle.
 * Deterministic for any input order.
 */
export function planMigrations(migrations: readonly GraphMigration[]): PlanEntry[] {
  const byKey = new Map<string, GraphMigration>();
  for (const migration of [...migrations].sort(compareRefs)) {
    if (!byKey.has(migrationKey(migration))) byKey.set(migrationKey(migration), migration);
  }
  const { role, redirect, inherited } = resolveSquashes(byKey);
  const active = [...byKey.values()].filter((m) => role.get(migrationKey(m)) === 'apply');
  const parents = buildEdges(active, byKey, redirect, inherited);
  const order = djangoPlan(active, parents);
  return placeInactive(order, byKey, role);
}

interface SquashResolution {
  role: Map<string, PlanRole>;
  /** Where references to a migration that does not run go instead. */
  redirect: Map<string, string>;
  /** A used squash takes over the dependencies of the originals it stands for. */
  inherited: Map<string, MigrationRef[]>;
}

function resolveSquashes(byKey: Map<string, GraphMigration>): SquashResolution {
  const role = new Map<string, PlanRole>([...byKey.keys()].map((key) => [key, 'apply']));
  const redirect = new Map<string, string>();
  const inherited = new Map<string, MigrationRef[]>();
  for (const [key, migration] of byKey) {
    if (migration.replaces.length === 0) continue;
    const present = migration.replaces.filter((ref) => byKey.has(migrationKey(ref)));
    if (present.length === migration.replaces.length) {
      // Everything it replaces is here: Django runs the originals and points the squash's
      // dependents at the last replaced migration.
      role.set(key, 'squash-unused');
      redirect.set(key, migrationKey(migration.replaces.at(-1)!));
    } else {
      const deps: MigrationRef[] = [];
      for (const ref of present) {
        const replacedKey = migrationKey(ref);
        role.set(replacedKey, 'replaced');
        redirect.set(replacedKey, key);
        const replaced = byKey.get(replacedKey)!;
        deps.push(...replaced.dependencies);
      }
      inherited.set(key, deps);
    }
  }
  return { role, redirect, inherited };
}

function follow(key: string, redirect: Map<string, string>): string {
  let current = key;
  for (let hops = 0; hops < 100 && redirect.has(current); hops++) current = redirect.get(current)!;
  return current;
}

function buildEdges(
  active: readonly GraphMigration[],
  byKey: Map<string, GraphMigration>,
  redirect: Map<string, string>,
  inherited: Map<string, MigrationRef[]>,
): Map<string, Set<string>> {
  const activeKeys = new Set(active.map(migrationKey));
  const parents = new Map<string, Set<string>>(
    active.map((m) => [migrationKey(m), new Set<string>()]),
  );
  const addEdge = (child: string, parent: string) => {
    if (child !== parent && activeKeys.has(child) && activeKeys.has(parent))
      parents.get(child)!.add(parent);
  };
  const resolveExplicit = (ref: MigrationRef): string | undefined => {
    const key = migrationKey(ref);
    return byKey.has(key) ? follow(key, redirect) : undefined;
  };
  const depsOf = (m: GraphMigration) => [
    ...m.dependencies,
    ...(inherited.get(migrationKey(m)) ?? []),
  ];
  const special = (ref: MigrationRef) => ref.name === '__first__' || ref.name === '__latest__';

  // Explicit dependencies first: `__first__`/`__latest__` are defined by the same-app edges.
  for (const migration of active) {
    const key = migrationKey(migration);
    for (const ref of depsOf(migration)) {
      if (special(ref)) continue;
      const parent = resolveExplicit(ref);
      if (parent) addEdge(key, parent);
    }
    for (const ref of migration.runBefore) {
      const child = special(ref) ? undefined : resolveExplicit(ref);
      if (child) addEdge(child, key);
    }
  }
  for (const migration of active) {
    const key = migrationKey(migration);
    for (const ref of depsOf(migration)) {
      if (!special(ref) || ref.app === migration.app) continue;
      const parent =
        ref.name === '__first__'
          ? firstOf(ref.app, active, parents)
          : latestOf(ref.app, active, parents);
      if (parent) addEdge(key, parent);
    }
  }
  return parents;
}

/** The app's root: no parent in its own app (Django's `root_nodes(app)[0]`). */
function firstOf(
  app: string,
  active: readonly GraphMigration[],
  parents: Map<string, Set<string>>,
): string | undefined {
  const appKeys = active.filter((m) => m.app === app).map(migrationKey);
  const inApp = new Set(appKeys);
  return appKeys.find((key) => ![...parents.get(key)!].some((parent) => inApp.has(parent)));
}

/** The app's leaf: no child in its own app (Django's `leaf_nodes(app)[0]`). */
function latestOf(
  app: string,
  active: readonly GraphMigration[],
  parents: Map<string, Set<string>>,
): string | undefined {
  const appKeys = active.filter((m) => m.app === app).map(migrationKey);
  const inApp = new Set(appKeys);
  const hasChildInApp = new Set<string>();
  for (const key of appKeys) {
    for (const parent of parents.get(key)!) if (inApp.has(parent)) hasChildInApp.add(parent);
  }
  return appKeys.find((key) => !hasChildInApp.has(key));
}

interface Component {
  /** Members in (app, name) order; more than one only for a dependency cycle. */
  readonly members: GraphMigration[];
  readonly parents: Set<Component>;
  readonly children: Set<Component>;
}

/** Django's `migrate` plan over the graph with every cycle collapsed into one node. */
function djangoPlan(
  active: readonly GraphMigration[],
  parents: Map<string, Set<string>>,
): { migration: GraphMigration; cycle?: string[] }[] {
  const components = condense(active, parents);
  const head = (component: Component) => component.members[0]!;
  const byHead = (a: Component, b: Component) => compareRefs(head(a), head(b));
  // A leaf has no dependent in its own app (Django's `leaf_nodes()`).
  const leaves = components
    .filter((component) =>
      component.members.every((member) =>
        [...component.children].every((child) => child.members.every((c) => c.app !== member.app)),
      ),
    )
    .sort(byHead);

  const planned = new Set<Component>();
  const plan: { migration: GraphMigration; cycle?: string[] }[] = [];
  for (const leaf of leaves) {
    // Django's iterative DFS: parents are pushed sorted, so the greatest is walked first.
    const stack: [Component, boolean][] = [[leaf, false]];
    while (stack.length > 0) {
      const [component, processed] = stack.pop()!;
      if (planned.has(component)) continue;
      if (processed) {
        planned.add(component);
        for (const member of component.members) {
          const cycle =
            component.members.length > 1 ? cycleThrough(member, component, parents) : undefined;
          plan.push({ migration: member, ...(cycle ? { cycle } : {}) });
        }
        continue;
      }
      stack.push([component, true]);
      for (const parent of [...component.parents].sort(byHead)) stack.push([parent, false]);
    }
  }
  return plan;
}

/** Strongly connected components (Tarjan), as a graph of components. */
function condense(
  active: readonly GraphMigration[],
  parents: Map<string, Set<string>>,
): Component[] {
  const byKey = new Map(active.map((m) => [migrationKey(m), m]));
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const componentOf = new Map<string, Component>();
  const components: Component[] = [];
  let counter = 0;

  // Iterative Tarjan so long migration chains cannot overflow the call stack.
  for (const root of byKey.keys()) {
    if (index.has(root)) continue;
    const work: { key: string; edges: string[]; next: number }[] = [];
    const open = (key: string) => {
      index.set(key, counter);
      low.set(key, counter);
      counter++;
      stack.push(key);
      onStack.add(key);
      work.push({ key, edges: [...parents.get(key)!].sort(), next: 0 });
    };
    open(root);
    while (work.length > 0) {
      const frame = work.at(-1)!;
      if (frame.next < frame.edges.length) {
        const to = frame.edges[frame.next++]!;
        if (!index.has(to)) open(to);
        else if (onStack.has(to)) low.set(frame.key, Math.min(low.get(frame.key)!, index.get(to)!));
        continue;
      }
      work.pop();
      const caller = work.at(-1);
      if (caller) low.set(caller.key, Math.min(low.get(caller.key)!, low.get(frame.key)!));
      if (low.get(frame.key) === index.get(frame.key)) {
        const members: GraphMigration[] = [];
        let key: string;
        do {
          key = stack.pop()!;
          onStack.delete(key);
          members.push(byKey.get(key)!);
        } while (key !== frame.key);
        const component: Component = {
          members: members.sort(compareRefs),
          parents: new Set(),
          children: new Set(),
        };
        for (const member of members) componentOf.set(migrationKey(member), component);
        components.push(component);
      }
    }
  }
  for (const [key, keys] of parents) {
    const child = componentOf.get(key)!;
    for (const parentKey of keys) {
      const parent = componentOf.get(parentKey)!;
      if (parent === child) continue;
      child.parents.add(parent);
      parent.children.add(child);
    }
  }
  return components;
}

/** The shortest dependency path from a migration back to itself inside its cycle. */
function cycleThrough(
  start: GraphMigration,
  component: Component,
  parents: Map<string, Set<string>>,
): string[] {
  const startKey = migrationKey(start);
  const inside = new Set(component.members.map(migrationKey));
  const previous = new Map<string, string>();
  const queue = [startKey];
  while (queue.length > 0) {
    const key = queue.shift()!;
    for (const parent of [...parents.get(key)!].sort()) {
      if (!inside.has(parent)) continue;
      if (parent === startKey) {
        const path: string[] = [];
        for (let at: string | undefined = key; at !== undefined; at = previous.get(at))
          path.unshift(at);
        return [...path, startKey];
      }
      if (!previous.has(parent)) {
        previous.set(parent, key);
        queue.push(parent);
      }
    }
  }
  return [startKey, startKey];
}

/**
 * Migrations that do not run still belong to the project: a replaced original goes right before
 * the squash that stands for it, an unused squash right after the last original it replaces.
 */
function placeInactive(
  plan: { migration: GraphMigration; cycle?: string[] }[],
  byKey: Map<string, GraphMigration>,
  role: Map<string, PlanRole>,
): PlanEntry[] {
  const entries: PlanEntry[] = plan.map(({ migration, cycle }) => ({
    app: migration.app,
    name: migration.name,
    role: 'apply',
    ...(cycle ? { cycle } : {}),
  }));
  const inactive = [...byKey.values()].filter((m) => role.get(migrationKey(m)) !== 'apply');
  const replacedBy = new Map<string, string>();
  for (const migration of byKey.values()) {
    for (const ref of migration.replaces) {
      if (role.get(migrationKey(ref)) === 'replaced')
        replacedBy.set(migrationKey(ref), migrationKey(migration));
    }
  }
  const position = (key: string) => entries.findIndex((entry) => migrationKey(entry) === key);
  for (const migration of inactive) {
    const key = migrationKey(migration);
    const entryRole = role.get(key)!;
    let at = -1;
    if (entryRole === 'replaced') {
      const squash = replacedBy.get(key);
      at = squash === undefined ? -1 : position(squash);
    } else {
      const last = Math.max(...migration.replaces.map((ref) => position(migrationKey(ref))));
      at = last < 0 ? -1 : last + 1;
    }
    const entry: PlanEntry = { app: migration.app, name: migration.name, role: entryRole };
    if (at < 0) entries.push(entry);
    else entries.splice(at, 0, entry);
  }
  return entries;
}
