import {
  TOPIC_CONTRACTS,
  decode,
  type ContractIssue,
  type TopicMessage,
  type TopicName,
} from '@schematrace/contracts';

export type DecodeResult<T extends TopicName> =
  { ok: true; value: TopicMessage<T> } | { ok: false; reason: string; issues: ContractIssue[] };

/** JSON on the wire; every message is validated against its topic's contract both ways. */
export function encodeMessage<T extends TopicName>(topic: T, message: TopicMessage<T>): Buffer {
  const checked = decode(TOPIC_CONTRACTS[topic], message);
  if (!checked.ok) {
    const detail = checked.issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
    throw new Error(`refusing to publish an invalid ${topic} message: ${detail}`);
  }
  return Buffer.from(JSON.stringify(checked.value));
}

export function decodeMessage<T extends TopicName>(topic: T, raw: Buffer | null): DecodeResult<T> {
  if (raw === null || raw.length === 0)
    return { ok: false, reason: 'empty message value', issues: [] };
  let json: unknown;
  try {
    json = JSON.parse(raw.toString('utf8'));
  } catch (error) {
    return { ok: false, reason: `value is not JSON: ${(error as Error).message}`, issues: [] };
  }
  const checked = decode(TOPIC_CONTRACTS[topic], json);
  if (!checked.ok) {
    return {
      ok: false,
      reason: `value does not match the ${topic} contract`,
      issues: checked.issues,
    };
  }
  return { ok: true, value: checked.value as TopicMessage<T> };
}
