import type { TargetDatabase } from '@schematrace/contracts';

export interface ResolvedTarget {
  readonly engine: TargetDatabase['engine'];
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
}

export function resolveTarget(target: TargetDatabase): ResolvedTarget {
  const [major = 0, minor = 0, patch = 0] = target.version.split('.').map(Number);
  return { engine: target.engine, major, minor, patch };
}

/** Is the target at least `major.minor`? */
export function atLeast(target: ResolvedTarget, major: number, minor = 0): boolean {
  return target.major > major || (target.major === major && target.minor >= minor);
}

/** MySQL or MariaDB: the engines whose online-DDL rules differ from PostgreSQL's. */
export function isMysqlFamily(target: ResolvedTarget): boolean {
  return target.engine === 'mysql' || target.engine === 'mariadb';
}
