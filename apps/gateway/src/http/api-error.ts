import { HttpException, HttpStatus } from '@nestjs/common';
import type { ContractIssue } from '@schematrace/contracts';

/** Every error the API returns has this one shape. */
export interface ApiErrorBody {
  readonly error: {
    readonly status: number;
    readonly code: string;
    readonly message: string;
    readonly issues?: readonly ContractIssue[];
  };
}

export class ApiError extends HttpException {
  constructor(
    status: HttpStatus,
    code: string,
    message: string,
    issues?: readonly ContractIssue[],
  ) {
    super(
      { error: { status, code, message, ...(issues ? { issues } : {}) } } satisfies ApiErrorBody,
      status,
    );
    // Nest would otherwise name it "Http Exception" in logs and traces.
    this.message = message;
  }

  static notFound(message: string): ApiError {
    return new ApiError(HttpStatus.NOT_FOUND, 'not_found', message);
  }

  static invalid(where: string, issues: readonly ContractIssue[]): ApiError {
    const first = issues[0];
    const summary = first ? `${where}.${first.path}: ${first.message}` : `invalid ${where}`;
    return new ApiError(HttpStatus.BAD_REQUEST, 'invalid_request', summary, issues);
  }
}
