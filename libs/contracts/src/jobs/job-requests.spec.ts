import { JOB_CONTRACTS, JobName, QueueName, RiskRecomputeJob, SnapshotTakeJob } from './jobs';
import {
  DEFAULT_JOB_RETRY,
  RISK_RECOMPUTE_DEBOUNCE_MS,
  riskRecomputeKey,
  riskRecomputeRequest,
  snapshotTakeRequest,
} from './job-requests';

describe('risk recompute requests', () => {
  it('share one deterministic key per project, whatever the reason, so triggers fold into one run', () => {
    const afterEvents = riskRecomputeRequest('shop', 'events');
    const afterPolicy = riskRecomputeRequest('shop', 'policy');

    expect(afterEvents.opts.deduplication).toEqual({
      id: 'risk.recompute:shop',
      keepLastIfActive: true,
    });
    expect(afterPolicy.opts.deduplication).toEqual(afterEvents.opts.deduplication);
    expect(riskRecomputeRequest('blog', 'events').opts.deduplication?.id).toBe(
      riskRecomputeKey('blog'),
    );
  });

  it('wait a short debounce, retry with exponential backoff and keep dead jobs', () => {
    const request = riskRecomputeRequest('shop', 'rule-set');

    expect(request).toMatchObject({
      queue: QueueName.risk,
      name: JobName.riskRecompute,
      data: { project: 'shop', reason: 'rule-set' },
      opts: {
        delay: RISK_RECOMPUTE_DEBOUNCE_MS,
        attempts: DEFAULT_JOB_RETRY.attempts,
        backoff: { type: 'exponential', delay: DEFAULT_JOB_RETRY.backoffMs },
      },
    });
    expect(request.opts.removeOnFail.age).toBeGreaterThan(request.opts.removeOnComplete.age);
  });

  it('carry a payload their own contract accepts', () => {
    const request = riskRecomputeRequest('shop', 'policy', {
      delayMs: 0,
      retry: { attempts: 2, backoffMs: 10 },
    });

    expect(RiskRecomputeJob.parse(request.data)).toEqual(request.data);
    expect(request.opts).toMatchObject({
      delay: 0,
      attempts: 2,
      backoff: { delay: 10 },
    });
    expect(JOB_CONTRACTS[request.name].queue).toBe(request.queue);
  });

  it('reject an unknown reason', () => {
    expect(RiskRecomputeJob.safeParse({ project: 'shop', reason: 'whim' }).success).toBe(false);
  });
});

describe('snapshot requests', () => {
  it('take the head by default and fold repeated requests for one project', () => {
    const request = snapshotTakeRequest('shop');

    expect(SnapshotTakeJob.parse({ project: 'shop' })).toEqual({ project: 'shop', at: 'head' });
    expect(request.data).toEqual({ project: 'shop', at: 'head' });
    expect(request.opts.deduplication?.id).toBe('snapshots.take:shop');
    expect(JOB_CONTRACTS[request.name].queue).toBe(QueueName.snapshots);
  });
});
