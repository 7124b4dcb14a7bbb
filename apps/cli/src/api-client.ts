import type {
  EventsResponse,
  ScanStatusResponse,
  SchemaResponse,
  SubmitScanRequest,
  SubmitScanResponse,
} from '@schematrace/contracts';

/** A failure the CLI explains in one line, with what to do; `exitCode` is documented in README. */
export class CliError extends Error {
  override readonly name = 'CliError';
  constructor(
    message: string,
    readonly exitCode = 1,
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

  schema(project: string, at?: number): Promise<SchemaResponse> {
    const query = at === undefined ? '' : `?at=${at}`;
    return this.request('GET', `/v1/projects/${encodeURIComponent(project)}/schema${query}`);
  }

  events(project: string, after = 0, limit = 1000): Promise<EventsResponse> {
    return this.request(
      'GET',
      `/v1/projects/${encodeURIComponent(project)}/events?after=${after}&limit=${limit}`,
    );
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
    const json: unknown = text ? JSON.parse(text) : undefined;
    if (!response.ok) {
      const message =
        (json as { error?: { message?: string } } | undefined)?.error?.message ??
        response.statusText;
      throw new CliError(
        `${method} ${url.pathname} failed with ${response.status}: ${message}`,
        response.status === 404 ? 4 : 1,
      );
    }
    return json as T;
  }
}
