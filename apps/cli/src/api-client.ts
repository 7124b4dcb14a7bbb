import type {
  EventsResponse,
  RisksResponse,
  ScanStatusResponse,
  SubmitScanRequest,
  SubmitScanResponse,
} from '@schematrace/contracts';

/** A failure the CLI explains in one line, with what to do; `exitCode` is documented in README. */
export class CliError extends Error {
  override readonly name = 'CliError';
  constructor(
    message: string,
    readonly exitCode = 1,
    /** The HTTP status, when the gateway answered with an error. */
    readonly status?: number,
  ) {
    super(message);
  }
}

/** The gateway's REST API as the CLI uses it. */
export class ApiClient {
  constructor(
    readonly baseUrl: string,
    private readonly apiKey?: string,
  ) {}

  submitScan(project: string, body: SubmitScanRequest): Promise<SubmitScanResponse> {
    return this.request('POST', `/v1/projects/${encodeURIComponent(project)}/scans`, body);
  }

  scanStatus(project: string, scanId: string): Promise<ScanStatusResponse> {
    return this.request(
      'GET',
      `/v1/projects/${encodeURIComponent(project)}/scans/${encodeURIComponent(scanId)}`,
    );
  }

  /** Every page of the project's event log (the filters of `GET …/events`), following `next`. */
  async *eventPages(
    project: string,
    filters: { readonly table?: string; readonly kind?: string } = {},
  ): AsyncGenerator<EventsResponse> {
    for (let after: number | null = 0; after !== null;) {
      const page: EventsResponse = await this.get(
        `/v1/projects/${encodeURIComponent(project)}/events`,
        { ...filters, after, limit: 1000 },
      );
      yield page;
      after = page.next;
    }
  }

  /** Every page of the project's risk findings (`GET …/risks` filters), following `next`. */
  async *riskPages(
    project: string,
    filters: { readonly min_level?: string; readonly rule?: string } = {},
  ): AsyncGenerator<RisksResponse> {
    for (let cursor: string | null | undefined = undefined; cursor !== null;) {
      const page: RisksResponse = await this.get(
        `/v1/projects/${encodeURIComponent(project)}/risks`,
        { ...filters, cursor, limit: 1000 },
      );
      yield page;
      cursor = page.next;
    }
  }

  get<T>(
    path: string,
    query: Readonly<Record<string, string | number | boolean | undefined>> = {},
  ) {
    const search = new URLSearchParams();
    for (const [name, value] of Object.entries(query))
      if (value !== undefined) search.set(name, String(value));
    const suffix = search.size > 0 ? `?${search.toString()}` : '';
    return this.request<T>('GET', `${path}${suffix}`);
  }

  post<T>(path: string, body: unknown = {}): Promise<T> {
    return this.request('POST', path, body);
  }

  put<T>(path: string, body: unknown): Promise<T> {
    return this.request('PUT', path, body);
  }

  delete<T>(path: string): Promise<T> {
    return this.request('DELETE', path);
  }

  private async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const url = new URL(path, this.baseUrl);
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: {
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(this.apiKey ? { 'x-api-key': this.apiKey } : {}),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (error) {
      const cause =
        (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
      throw new CliError(
        `cannot reach the SchemaTrace API at ${this.baseUrl} (${cause}). Start it with "npm run stack:up", or set SCHEMATRACE_API_URL.`,
        3,
      );
    }
    const text = await response.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    if (!response.ok) throw failure(method, url, response, json, Boolean(this.apiKey));
    return json as T;
  }
}

/**
 * Exit codes (README, "The CLI"): 1 failed, 2 usage (the gateway refused a value: 400),
 * 3 unreachable, 4 not found, 5 timed out, 6 not allowed.
 */
function failure(
  method: string,
  url: URL,
  response: Response,
  json: unknown,
  sentKey: boolean,
): CliError {
  const message =
    (json as { error?: { message?: string } } | undefined)?.error?.message ?? response.statusText;
  const request = `${method} ${url.pathname}`;
  switch (response.status) {
    case 401:
      return new CliError(
        `${request}: ${message}. ${
          sentKey
            ? 'The API key was refused: check it, or create a new one (schematrace admin keys create).'
            : 'This server needs an API key: schematrace config --set-api-key <key>, or set SCHEMATRACE_API_KEY.'
        }`,
        6,
        401,
      );
    case 403:
      return new CliError(`${request}: ${message} (the API key lacks that permission)`, 6, 403);
    case 400:
      // The gateway names the field or value it refused: what the user typed.
      return new CliError(`${request}: ${message}`, 2, 400);
    case 404:
      return new CliError(`${request}: ${message}`, 4, 404);
    default:
      return new CliError(
        `${request} failed with ${response.status}: ${message}`,
        1,
        response.status,
      );
  }
}
