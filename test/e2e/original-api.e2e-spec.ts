import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { startStack, type RunningStack } from './running-stack';

const run = promisify(execFile);

/**
 * The original SchemaTrace README's three curl examples, run with curl exactly as written there
 * (only the host and port point at this test's gateway), against real services.
 */
const README_EXAMPLES = {
  createProject: `curl -X POST http://localhost:8000/projects/ \\
  -H "Content-Type: application/json" \\
  -d '{"name": "ecommerce", "description": "E-commerce platform"}'`,
  modelFull: `curl http://localhost:8000/models/1/full?include_removed=false`,
  bulkEvents: `curl -X POST http://localhost:8000/events/bulk \\
  -H "Content-Type: application/json" \\
  -d '{
    "events": [
      {
        "model_id": 1,
        "event_type": "ADD_COLUMN",
        "field_name": "email",
        "timestamp": "2024-01-12T10:30:00",
        "metadata": {"type": "varchar(120)", "nullable": false},
        "risk_level": "low"
      }
    ]
  }'`,
};

describe('the original API, as its README shows it (real Kafka, PostgreSQL, Redis)', () => {
  let stack: RunningStack;

  beforeAll(async () => {
    stack = await startStack('original-api');
  });

  afterAll(async () => {
    await stack?.stop();
  });

  /** Runs a README command through a shell, pointed at this test's gateway. */
  async function curl(command: string): Promise<unknown> {
    const pointed = command.replaceAll('http://localhost:8000', stack.gateway.url);
    const { stdout } = await run('sh', ['-c', `${pointed} --silent --show-error --fail-with-body`]);
    return JSON.parse(stdout) as unknown;
  }

  async function post(route: string, body: unknown): Promise<{ status: number; body: unknown }> {
    const response = await fetch(`${stack.gateway.url}${route}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: await response.json() };
  }

  it('creates a project, a model, bulk-uploads the ADD_COLUMN event and reads it back at once', async () => {
    const project = await curl(README_EXAMPLES.createProject);
    expect(project).toMatchObject({ id: 1, name: 'ecommerce', description: 'E-commerce platform' });

    // The README's model 1 ("User", "User accounts"): created through POST /models/.
    const model = await post('/models/', {
      name: 'User',
      description: 'User accounts',
      project_id: 1,
    });
    expect(model.status).toBe(201);
    expect(model.body).toMatchObject({
      id: 1,
      name: 'User',
      description: 'User accounts',
      project_id: 1,
    });

    const uploaded = await curl(README_EXAMPLES.bulkEvents);
    expect(uploaded).toEqual([
      expect.objectContaining({
        model_id: 1,
        event_type: 'ADD_COLUMN',
        field_name: 'email',
        timestamp: '2024-01-12T10:30:00',
        metadata: expect.objectContaining({ type: 'varchar(120)', nullable: false }) as unknown,
      }),
    ]);

    // No sleep: the write returned once the projector had committed it.
    const full = await curl(README_EXAMPLES.modelFull);
    expect(full).toEqual({
      id: 1,
      name: 'User',
      description: 'User accounts',
      project_id: 1,
      created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/) as unknown,
      fields: [
        {
          name: 'email',
          field_type: 'varchar(120)',
          nullable: false,
          unique: false,
          default_value: null,
          added_at: '2024-01-12T10:30:00',
        },
      ],
    });
  });

  it('lists projects and models and serves the event history per model and by id', async () => {
    const byName = await curl(`curl http://localhost:8000/projects/by-name/ecommerce`);
    expect(byName).toMatchObject({ id: 1, name: 'ecommerce' });
    expect(await curl(`curl http://localhost:8000/projects/`)).toEqual([byName]);
    expect(await curl(`curl http://localhost:8000/models/?project_id=1`)).toEqual([
      expect.objectContaining({ id: 1, name: 'User' }),
    ]);
    const history = (await curl(`curl http://localhost:8000/events/model/1`)) as { id: number }[];
    expect(history).toEqual([
      expect.objectContaining({ event_type: 'ADD_COLUMN', field_name: 'email' }),
    ]);
    expect(await curl(`curl http://localhost:8000/events/${history[0]!.id}`)).toEqual(history[0]);
  });

  it('keeps removed fields out unless include_removed=true', async () => {
    const removed = await post('/events/', {
      model_id: 1,
      event_type: 'REMOVE_COLUMN',
      field_name: 'email',
    });
    expect(removed.status).toBe(201);
    const current = (await curl(
      `curl http://localhost:8000/models/1/full?include_removed=false`,
    )) as { fields: unknown[] };
    expect(current.fields).toEqual([]);
    const all = (await curl(`curl http://localhost:8000/models/1/full?include_removed=true`)) as {
      fields: { name: string; removed_at: string | null }[];
    };
    expect(all.fields).toEqual([
      expect.objectContaining({ name: 'email', removed_at: expect.any(String) as unknown }),
    ]);
  });

  it('answers bad requests with a 4xx naming the field', async () => {
    const missing = await post('/models/', { name: 'Order', project_id: 999 });
    expect(missing.status).toBe(404);
    const invalid = await post('/events/bulk', {
      events: [{ model_id: 1, event_type: 'DROP_EVERYTHING', field_name: 'x' }],
    });
    expect(invalid.status).toBe(400);
    expect(JSON.stringify(invalid.body)).toContain('events.0.event_type');
  });
});
