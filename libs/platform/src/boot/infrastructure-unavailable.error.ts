/** A dependency the service cannot reach at start. The message is the one line an operator sees. */
export class InfrastructureUnavailableError extends Error {
  override readonly name = 'InfrastructureUnavailableError';

  constructor(
    readonly dependency: 'Kafka' | 'PostgreSQL' | 'Redis',
    readonly address: string,
    cause: unknown,
    hint: string,
  ) {
    super(`cannot reach ${dependency} at ${address} (${describeCause(cause)}). ${hint}`);
  }
}

function describeCause(cause: unknown): string {
  if (cause instanceof AggregateError && cause.errors.length > 0)
    return describeCause(cause.errors[0]);
  if (cause instanceof Error) {
    const code = (cause as NodeJS.ErrnoException).code;
    return code ? `${code}: ${cause.message}` : cause.message;
  }
  return String(cause);
}
