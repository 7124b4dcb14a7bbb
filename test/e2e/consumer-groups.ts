import { AssignerProtocol, type Admin } from 'kafkajs';
import type { RunningService } from '@schematrace/platform';

export interface GroupMember {
  readonly memberId: string;
  readonly clientHost: string;
  /** Partitions of the topic assigned to this member. */
  readonly partitions: readonly number[];
}

/** A consumer group as the broker describes it: its state and who owns which partitions. */
export async function groupAssignments(
  admin: Admin,
  groupId: string,
  topic: string,
): Promise<{ state: string; members: GroupMember[] }> {
  const {
    groups: [group],
  } = await admin.describeGroups([groupId]);
  if (!group) return { state: 'Dead', members: [] };
  return {
    state: group.state,
    members: group.members.map((member) => ({
      memberId: member.memberId,
      clientHost: member.clientHost,
      partitions: [
        ...((member.memberAssignment.length > 0 &&
          AssignerProtocol.MemberAssignment.decode(member.memberAssignment)?.assignment[topic]) ||
          []),
      ].sort((a, b) => a - b),
    })),
  };
}

/** The group's committed offset for every partition of the topic has reached its end. */
export async function caughtUp(admin: Admin, groupId: string, topic: string): Promise<boolean> {
  const [ends, [committed]] = await Promise.all([
    admin.fetchTopicOffsets(topic),
    admin.fetchOffsets({ groupId, topics: [topic] }),
  ]);
  return ends.every(
    ({ partition, high }) =>
      committed?.partitions.find((entry) => entry.partition === partition)?.offset === high,
  );
}

/**
 * Messages one instance consumed from a topic (logical name), read from its own /metrics:
 * `schematrace_messages_consumed_total` counts a message once handled and committed.
 */
export async function consumedMessages(instance: RunningService, topic: string): Promise<number> {
  const text = await (await fetch(`${instance.url}/metrics`)).text();
  return text
    .split('\n')
    .filter(
      (line) =>
        line.startsWith('schematrace_messages_consumed_total{') &&
        line.includes(`topic="${topic}"`),
    )
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}
