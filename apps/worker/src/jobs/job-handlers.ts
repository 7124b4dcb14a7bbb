import { JOB_CONTRACTS, type JobName, type QueueName } from '@schematrace/contracts';

export interface QueueHandlers {
  readonly queue: QueueName;
  readonly jobs: readonly JobName[];
}

/**
 * Every job of the catalogue has exactly one handler, on its own queue; otherwise the worker
 * does not start, and the message names the job.
 */
export function assertJobHandlers(handlers: readonly QueueHandlers[]): void {
  const problems: string[] = [];
  for (const [name, contract] of Object.entries(JOB_CONTRACTS)) {
    const owners = handlers.filter((handler) => handler.jobs.includes(name as JobName));
    if (owners.length === 0) problems.push(`job ${name} has no handler`);
    else if (owners.length > 1) problems.push(`job ${name} has ${owners.length} handlers`);
    else if (owners[0]!.queue !== contract.queue)
      problems.push(`job ${name} belongs to queue ${contract.queue}, not ${owners[0]!.queue}`);
  }
  for (const handler of handlers)
    for (const name of handler.jobs)
      if (!(name in JOB_CONTRACTS)) problems.push(`job ${name} is not in the catalogue`);
  if (problems.length > 0) throw new Error(`worker job handlers: ${problems.join('; ')}`);
}
