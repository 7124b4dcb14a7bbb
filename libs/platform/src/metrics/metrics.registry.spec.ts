import { MetricsRegistry } from './metrics.registry';

describe('the metrics registry', () => {
  it('labels every series with the service, process metrics included', async () => {
    const metrics = new MetricsRegistry('parser');
    metrics.counter('schematrace_things_total', 'things', ['kind']).inc({ kind: 'a' });

    const text = await metrics.text();

    expect(text).toContain('schematrace_things_total{kind="a",service="parser"} 1');
    expect(text).toMatch(/^schematrace_process_cpu_seconds_total\{service="parser"\} /m);
    expect(metrics.contentType).toContain('text/plain');
  });

  it('keeps each service to itself, though several run in one process', async () => {
    new MetricsRegistry('gateway').counter('schematrace_calls_total', 'calls').inc();

    expect(await new MetricsRegistry('worker').text()).not.toContain('schematrace_calls_total');
  });

  it('refuses a metric without the project prefix', () => {
    expect(() => new MetricsRegistry('worker').counter('calls_total', 'calls')).toThrow(
      'metric "calls_total" must be named schematrace_...',
    );
  });
});
