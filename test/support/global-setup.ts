import { resolveServices } from './test-services';

/** Resolves one set of real services for the whole run and hands their addresses to the workers. */
export default async function globalSetup(): Promise<void> {
  const services = await resolveServices();
  (globalThis as { __SCHEMATRACE_SERVICES__?: typeof services }).__SCHEMATRACE_SERVICES__ =
    services;
  process.env.TEST_KAFKA_BROKERS = services.kafkaBrokers;
  process.env.TEST_DATABASE_URL = services.databaseUrl;
  process.env.TEST_REDIS_URL = services.redisUrl;
  process.env.TEST_RUN_ID = `r${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`;
}
