/** A configuration problem the operator must fix; its message is one line that says how. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}
