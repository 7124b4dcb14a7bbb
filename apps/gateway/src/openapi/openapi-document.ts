import * as contracts from '@schematrace/contracts';
import { z } from 'zod';
import type { ApiErrorBody } from '../http/api-error';
import type { CatalogueRoute, RouteTag } from './route-catalogue';

/** The one shape of every error (ApiErrorBody), as a schema for the document. */
export const ApiErrorSchema = z.object({
  error: z.object({
    status: z.number().int(),
    code: z.string(),
    message: z.string(),
    /** Which fields were refused and why; on 400 only. */
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});
// Fails to compile when ApiErrorBody and the schema part ways.
const sameShape: ApiErrorBody = {} as z.output<typeof ApiErrorSchema>;
void sameShape;

type JsonSchema = { [key: string]: unknown };
type Io = 'input' | 'output';

export interface OpenApiDocument {
  readonly openapi: '3.1.0';
  readonly paths: Record<string, Record<string, JsonSchema>>;
  readonly components: { readonly schemas: Record<string, JsonSchema> } & JsonSchema;
  readonly [key: string]: unknown;
}

const COMPONENTS = '#/components/schemas/';
/** Input-side references carry this mark until we know whether they need an `…Input` name. */
const INPUT_MARK = '#/input/';
const SYNTHETIC = '~';

const TAGS: readonly { name: RouteTag; description: string }[] = [
  { name: 'v1', description: 'The REST API: projects, scans, schema history, risks and API keys.' },
  {
    name: 'original API',
    description:
      "The prototype's API, with its own paths and field names, on the same data. Writes return once queryable.",
  },
  {
    name: 'operators',
    description: 'Probes, metrics and this documentation: public, not rate limited.',
  },
];

const ERROR_RESPONSES: Record<
  number,
  { name: string; description: string; code: string; message: string }
> = {
  400: {
    name: 'InvalidRequest',
    description: 'A parameter, query field or body field was refused; `issues` names each one.',
    code: 'invalid_request',
    message: 'body.files: a scan needs at least one migration file',
  },
  401: {
    name: 'Unauthenticated',
    description: 'Authentication is on and the request has no valid API key.',
    code: 'unauthenticated',
    message: 'the API key is unknown or revoked',
  },
  403: {
    name: 'Forbidden',
    description: "The key's scope is too low, or the key is limited to another project.",
    code: 'forbidden',
    message: 'this key has scope read; the request needs write',
  },
  404: {
    name: 'NotFound',
    description: 'What the request names (project, scan, table, model…) does not exist.',
    code: 'not_found',
    message: 'project shop does not exist',
  },
  409: {
    name: 'Conflict',
    description: 'It already exists.',
    code: 'conflict',
    message: 'project shop already exists',
  },
  429: {
    name: 'RateLimited',
    description:
      'Over RATE_LIMIT_PER_MINUTE requests in a sliding minute; retry after `Retry-After` seconds.',
    code: 'rate_limited',
    message: 'more than 1200 requests in a minute; retry in 3 s',
  },
  504: {
    name: 'Timeout',
    description: 'The write was accepted but was not queryable in time; it may still land.',
    code: 'not_yet_projected',
    message:
      'the write was accepted as scan 3f2a… but is not queryable yet; check GET /v1/projects/shop/scans/3f2a…',
  },
};

const SUCCESS: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  202: 'Accepted: processing goes on in the background',
  204: 'Done; no body',
};

/**
 * The OpenAPI 3.1 document of these routes, from the same zod schemas that validate requests
 * (zod's own `toJSONSchema`). Contract schemas (libs/contracts exports) become components named
 * as exported; a schema whose request form differs from its response form (defaults, coercions,
 * transforms) gets a second component, `<Name>Input`.
 */
export function openApiDocument(routes: readonly CatalogueRoute[]): OpenApiDocument {
  const schemas = new SchemaComponents(routes);
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const route of [...routes].sort(byPath)) {
    (paths[route.path] ??= {})[route.method] = operation(route, schemas);
  }
  const responses = Object.fromEntries(
    Object.entries(ERROR_RESPONSES).map(([status, error]) => [
      error.name,
      {
        description: error.description,
        ...(Number(status) === 429
          ? { headers: { 'Retry-After': { schema: { type: 'integer' }, description: 'Seconds' } } }
          : {}),
        content: {
          'application/json': {
            schema: { $ref: `${COMPONENTS}ApiError` },
            example: {
              error: {
                status: Number(status),
                code: error.code,
                message: error.message,
                ...(Number(status) === 400
                  ? {
                      issues: [
                        { path: 'files', message: 'a scan needs at least one migration file' },
                      ],
                    }
                  : {}),
              },
            },
          },
        },
      },
    ]),
  );
  return {
    openapi: '3.1.0',
    info: {
      title: 'SchemaTrace API',
      version: String(contracts.CONTRACT_VERSION),
      description:
        "The SchemaTrace gateway. Once authentication is on, every route but the operators' needs an API key, as `Authorization: Bearer <key>` or `X-API-Key: <key>`. Every error has one shape (`ApiError`).",
    },
    tags: TAGS,
    security: [{ bearerKey: [] }, { headerKey: [] }],
    paths,
    components: {
      schemas: schemas.referenced({ paths, responses }),
      responses,
      securitySchemes: {
        bearerKey: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'st_<id>_<secret>',
          description: 'An API key: `Authorization: Bearer st_<id>_<secret>`.',
        },
        headerKey: {
          type: 'apiKey',
          in: 'header',
          name: 'X-API-Key',
          description: 'The same key.',
        },
      },
    },
  };
}

function operation(route: CatalogueRoute, schemas: SchemaComponents): JsonSchema {
  const parameters = [
    ...route.params.map((param) => ({
      name: param.name,
      in: 'path',
      required: true,
      schema: schemas.use(param.schema, 'input'),
    })),
    ...(route.query ? queryParameters(schemas.use(route.query, 'input'), schemas) : []),
  ];
  const scope = !route.scope
    ? 'Public: no key needed, not rate limited.'
    : route.scope === 'admin'
      ? 'Needs an `admin` key once authentication is on.'
      : `Needs a key of scope \`${route.scope}\` or above once authentication is on.`;
  const responses: Record<string, JsonSchema> = {
    [route.status]: {
      description: SUCCESS[route.status] ?? 'OK',
      ...(route.response
        ? { content: { [route.mediaType]: { schema: schemas.use(route.response, 'output') } } }
        : {}),
    },
  };
  for (const status of route.errors) {
    const error = ERROR_RESPONSES[status];
    if (!error) throw new Error(`${route.operationId}: no error response for ${status}`);
    responses[status] = { $ref: `#/components/responses/${error.name}` };
  }
  return {
    tags: [route.tag],
    summary: route.summary,
    description: route.description ? `${route.description}\n\n${scope}` : scope,
    operationId: route.operationId,
    ...(parameters.length ? { parameters } : {}),
    ...(route.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: schemas.use(route.body, 'input') } },
          },
        }
      : {}),
    responses,
    ...(route.scope ? {} : { security: [] }),
  };
}

/** A query schema's fields, one parameter each. */
function queryParameters(query: JsonSchema, schemas: SchemaComponents): JsonSchema[] {
  const object = schemas.resolve(query);
  const properties = (object.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((object.required ?? []) as string[]);
  return Object.entries(properties).map(([name, schema]) => ({
    name,
    in: 'query',
    required: required.has(name) && !('default' in schema),
    schema,
  }));
}

/**
 * Converts every contract schema and every route's own schemas twice (request and response
 * side) with zod's registry conversion, so shared schemas are referenced, not repeated.
 */
class SchemaComponents {
  private readonly ids = new Map<z.ZodType, string>();
  private readonly converted: Record<Io, Record<string, JsonSchema>>;
  /** Contract names whose request form differs from their response form. */
  private readonly inputOnly = new Set<string>();

  constructor(routes: readonly CatalogueRoute[]) {
    const named = Object.entries({ ...contracts, ApiError: ApiErrorSchema } as Record<
      string,
      unknown
    >)
      .filter((entry): entry is [string, z.ZodType] => entry[1] instanceof z.ZodType)
      .sort(([a], [b]) => a.localeCompare(b));
    for (const [name, schema] of named) if (!this.ids.has(schema)) this.ids.set(schema, name);
    const sides: Record<Io, z.ZodType[]> = { input: [], output: [] };
    for (const route of routes) {
      sides.input.push(...route.params.map((param) => param.schema));
      if (route.query) sides.input.push(route.query);
      if (route.body) sides.input.push(route.body);
      if (route.response) sides.output.push(route.response);
    }
    let synthetic = 0;
    for (const schema of [...sides.input, ...sides.output])
      if (!this.ids.has(schema)) this.ids.set(schema, `${SYNTHETIC}${synthetic++}`);
    this.converted = {
      input: convert(this.ids, 'input', [...named.map(([, s]) => s), ...sides.input]),
      output: convert(this.ids, 'output', [...named.map(([, s]) => s), ...sides.output]),
    };
    this.findInputOnly();
    for (const [id, schema] of Object.entries(this.converted.input))
      this.converted.input[id] = this.renameInputRefs(schema) as JsonSchema;
  }

  /** A reference to the schema's component, or the schema itself when it is a route's own. */
  use(schema: z.ZodType, io: Io): JsonSchema {
    const id = this.ids.get(schema);
    if (id === undefined) throw new Error('a route schema was not converted');
    if (id.startsWith(SYNTHETIC)) return this.converted[io][id] ?? {};
    return { $ref: `${COMPONENTS}${this.componentName(id, io)}` };
  }

  /** Follows a component reference. */
  resolve(schema: JsonSchema): JsonSchema {
    const ref = schema.$ref;
    if (typeof ref !== 'string') return schema;
    const name = ref.slice(COMPONENTS.length);
    const [id, io]: [string, Io] =
      name.endsWith('Input') && this.inputOnly.has(name.slice(0, -5))
        ? [name.slice(0, -5), 'input']
        : [name, this.converted.output[name] ? 'output' : 'input'];
    return this.converted[io][id] ?? {};
  }

  /** The components the paths reach, directly or through other components, by name. */
  referenced(paths: unknown): Record<string, JsonSchema> {
    const all: Record<string, JsonSchema> = {};
    for (const [id, schema] of Object.entries(this.converted.output))
      if (!id.startsWith(SYNTHETIC)) all[id] = schema;
    for (const name of this.inputOnly) all[`${name}Input`] = this.converted.input[name] ?? {};
    const reached = new Set<string>();
    const pending = refsIn(paths);
    for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
      if (reached.has(name)) continue;
      reached.add(name);
      pending.push(...refsIn(all[name]));
    }
    return Object.fromEntries([...reached].sort().map((name) => [name, all[name] ?? {}]));
  }

  private componentName(id: string, io: Io): string {
    return io === 'input' && this.inputOnly.has(id) ? `${id}Input` : id;
  }

  /** A contract differs on the request side if its own JSON does, or a schema it uses does. */
  private findInputOnly(): void {
    const { input, output } = this.converted;
    const unmarked = (schema: unknown) => JSON.stringify(schema).replaceAll(INPUT_MARK, COMPONENTS);
    for (const [id, schema] of Object.entries(input))
      if (!id.startsWith(SYNTHETIC) && unmarked(schema) !== JSON.stringify(output[id]))
        this.inputOnly.add(id);
    for (let grew = true; grew;) {
      grew = false;
      for (const [id, schema] of Object.entries(input)) {
        if (id.startsWith(SYNTHETIC) || this.inputOnly.has(id)) continue;
        if (refsIn(schema, INPUT_MARK).some((ref) => this.inputOnly.has(ref))) {
          this.inputOnly.add(id);
          grew = true;
        }
      }
    }
  }

  private renameInputRefs(value: unknown): unknown {
    if (Array.isArray(value)) return value.map((item) => this.renameInputRefs(item));
    if (!value || typeof value !== 'object') return value;
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) =>
        key === '$ref' && typeof item === 'string' && item.startsWith(INPUT_MARK)
          ? [key, `${COMPONENTS}${this.componentName(item.slice(INPUT_MARK.length), 'input')}`]
          : [key, this.renameInputRefs(item)],
      ),
    );
  }
}

function convert(ids: Map<z.ZodType, string>, io: Io, schemas: readonly z.ZodType[]) {
  const registry = z.registry<{ id: string }>();
  for (const schema of new Set(schemas)) registry.add(schema, { id: ids.get(schema) ?? '' });
  const mark = io === 'input' ? INPUT_MARK : COMPONENTS;
  const converted = z.toJSONSchema(registry, {
    io,
    uri: (id) => `${mark}${id}`,
    // Responses are not promised to stay closed: a client must accept fields added later.
    override: ({ zodSchema, jsonSchema }) => {
      const def = zodSchema._zod.def;
      if (io === 'output' && def.type === 'object' && def.catchall === undefined)
        delete jsonSchema.additionalProperties;
    },
    unrepresentable: 'any',
  }).schemas as Record<string, JsonSchema>;
  for (const schema of Object.values(converted)) {
    delete schema.$schema;
    delete schema.$id;
  }
  return converted;
}

function refsIn(value: unknown, prefix = COMPONENTS): string[] {
  const refs: string[] = [];
  const visit = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object')
      for (const [key, item] of Object.entries(node)) {
        if (key === '$ref' && typeof item === 'string' && item.startsWith(prefix))
          refs.push(item.slice(prefix.length));
        else visit(item);
      }
  };
  visit(value);
  return refs;
}

function byPath(a: CatalogueRoute, b: CatalogueRoute): number {
  const order = (route: CatalogueRoute) => TAGS.findIndex((tag) => tag.name === route.tag);
  return order(a) - order(b) || a.path.localeCompare(b.path);
}
