import { snapshotDue } from './snapshot-plan';

describe('snapshotDue', () => {
  it('waits until a project has passed a boundary', () => {
    expect(snapshotDue({ lastSequence: 999 }, undefined, 1000)).toBeUndefined();
  });

  it('snapshots at the head once a boundary is passed', () => {
    expect(snapshotDue({ lastSequence: 1003 }, undefined, 1000)).toBe(1003);
  });

  it('does not snapshot again within the same interval', () => {
    expect(snapshotDue({ lastSequence: 1900 }, 1003, 1000)).toBeUndefined();
    expect(snapshotDue({ lastSequence: 2001 }, 1003, 1000)).toBe(2001);
  });
});
