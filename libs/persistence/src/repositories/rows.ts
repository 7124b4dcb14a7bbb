/** Knex hands rows back untyped; a repository names their shape once, here. */
export async function rowsOf<T>(query: PromiseLike<unknown>): Promise<T[]> {
  return (await query) as T[];
}

export async function rowOf<T>(query: PromiseLike<unknown>): Promise<T | undefined> {
  return ((await query) ?? undefined) as T | undefined;
}
