import { CliError } from '../api-client';

/** A whole number of at least `min` from an option, or a usage error naming the option. */
export function wholeNumber(name: string, text: string, min: number): number {
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(value) || value < min)
    throw new CliError(`${name} must be a whole number of at least ${min}, not "${text}"`, 2);
  return value;
}

/** One of the allowed values, or a usage error listing them. */
export function oneOf<T extends string>(name: string, text: string, allowed: readonly T[]): T {
  const found = allowed.find((value) => value === text);
  if (found === undefined)
    throw new CliError(`${name} must be one of ${allowed.join(', ')}, not "${text}"`, 2);
  return found;
}
