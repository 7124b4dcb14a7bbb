import { JobName, QueueName } from '@schematrace/contracts';
import { assertJobHandlers } from './job-handlers';

const complete = [
  { queue: QueueName.risk, jobs: [JobName.riskRecompute] },
  { queue: QueueName.snapshots, jobs: [JobName.snapshotSweep, JobName.snapshotTake] },
];

describe('assertJobHandlers', () => {
  it('accepts one handler per job of the catalogue', () => {
    expect(() => assertJobHandlers(complete)).not.toThrow();
  });

  it('names a job with no handler', () => {
    expect(() => assertJobHandlers(complete.slice(1))).toThrow('job risk.recompute has no handler');
  });

  it('names a job with two handlers, or on the wrong queue', () => {
    expect(() =>
      assertJobHandlers([...complete, { queue: QueueName.risk, jobs: [JobName.riskRecompute] }]),
    ).toThrow('job risk.recompute has 2 handlers');
    expect(() =>
      assertJobHandlers([
        { queue: QueueName.snapshots, jobs: [JobName.riskRecompute] },
        complete[1]!,
      ]),
    ).toThrow('job risk.recompute belongs to queue risk, not snapshots');
  });
});
