import type { ResolvedServices } from './test-services';

export default async function globalTeardown(): Promise<void> {
  await (
    globalThis as { __SCHEMATRACE_SERVICES__?: ResolvedServices }
  ).__SCHEMATRACE_SERVICES__?.stop();
}
