let installed = false;

/**
 * kafkajs 2.2.4 schedules a timer with a negative delay when its request queue is idle, which
 * Node 24 reports as a TimeoutNegativeWarning (the timer runs after 1 ms, as intended). Hide that
 * one warning; print every other as Node would.
 */
export function quietKnownWarnings(): void {
  if (installed) return;
  installed = true;
  const defaultHandlers = process.listeners('warning');
  process.removeAllListeners('warning');
  process.on('warning', (warning) => {
    if (warning.name === 'TimeoutNegativeWarning') return;
    for (const handler of defaultHandlers) handler(warning);
  });
}
