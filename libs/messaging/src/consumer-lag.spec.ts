import type { Admin } from 'kafkajs';
import { TopicName } from '@schematrace/contracts';
import { ConsumerLagMonitor, partitionLags } from './consumer-lag';

describe('partition lag', () => {
  it('is the high-water mark minus the committed offset', () => {
    expect(
      partitionLags(
        [
          { partition: 0, high: '120', low: '0' },
          { partition: 1, high: '7', low: '0' },
        ],
        [
          { partition: 0, offset: '100' },
          { partition: 1, offset: '7' },
        ],
      ),
    ).toEqual([
      { partition: 0, lag: 20 },
      { partition: 1, lag: 0 },
    ]);
  });

  it('counts what the broker still holds on a partition the group never committed on', () => {
    expect(
      partitionLags([{ partition: 0, high: '50', low: '30' }], [{ partition: 0, offset: '-1' }]),
    ).toEqual([{ partition: 0, lag: 20 }]);
  });

  it('is never negative (a committed offset read just before the high-water mark moved)', () => {
    expect(
      partitionLags([{ partition: 0, high: '5', low: '0' }], [{ partition: 0, offset: '6' }]),
    ).toEqual([{ partition: 0, lag: 0 }]);
  });
});

describe('reading lag on scrape', () => {
  function fakeAdmin() {
    const calls = { fetchOffsets: 0 };
    let fail = false;
    const admin = {
      fetchOffsets: ({ topics }: { topics: string[] }) => {
        calls.fetchOffsets++;
        if (fail) return Promise.reject(new Error('broker away'));
        return Promise.resolve(
          topics.map((topic) => ({ topic, partitions: [{ partition: 0, offset: '4' }] })),
        );
      },
      fetchTopicOffsets: () =>
        Promise.resolve([{ partition: 0, offset: '10', high: '10', low: '0' }]),
    } as unknown as Admin;
    return { admin, calls, failNext: () => (fail = true) };
  }

  it('asks the broker at most once per interval, however often it is scraped', async () => {
    let now = 0;
    const { admin, calls } = fakeAdmin();
    const monitor = new ConsumerLagMonitor(admin, 'p.', 15_000, 2_000, () => now);
    monitor.watch('p.schematrace-projector', [TopicName.schemaEvents]);

    const first = await monitor.current();
    now = 10_000;
    await monitor.current();
    await monitor.current();
    expect(calls.fetchOffsets).toBe(1);
    now = 15_000;
    await monitor.current();
    expect(calls.fetchOffsets).toBe(2);

    expect(first).toEqual([
      {
        consumerGroup: 'p.schematrace-projector',
        topic: TopicName.schemaEvents,
        partition: 0,
        lag: 6,
      },
    ]);
  });

  it('keeps the last values when the broker does not answer', async () => {
    let now = 0;
    const { admin, failNext } = fakeAdmin();
    const monitor = new ConsumerLagMonitor(admin, '', 1_000, 2_000, () => now);
    monitor.watch('g', [TopicName.scans]);
    const before = await monitor.current();

    failNext();
    now = 5_000;

    expect(await monitor.current()).toEqual(before);
  });
});
