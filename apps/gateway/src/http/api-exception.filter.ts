import {
  ArgumentsHost,
  Catch,
  HttpException,
  HttpStatus,
  Logger,
  type ExceptionFilter,
} from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { ApiErrorBody } from './api-error';

/** Turns anything thrown into the one error shape; unexpected errors are logged, not leaked. */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly log = new Logger(ApiExceptionFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const body = this.toBody(exception);
    void reply.status(body.error.status).send(body);
  }

  private toBody(exception: unknown): ApiErrorBody {
    if (exception instanceof HttpException) {
      const response = exception.getResponse();
      if (
        typeof response === 'object' &&
        response !== null &&
        'error' in response &&
        typeof response.error === 'object'
      ) {
        return response as ApiErrorBody;
      }
      const status = exception.getStatus();
      return { error: { status, code: codeFor(status), message: exception.message } };
    }
    // Fastify's own errors (a malformed JSON body, a body over the limit) carry a status code.
    const statusCode = (exception as { statusCode?: number }).statusCode;
    if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
      return {
        error: {
          status: statusCode,
          code: codeFor(statusCode),
          message: (exception as Error).message,
        },
      };
    }
    this.log.error(
      exception instanceof Error ? (exception.stack ?? exception.message) : String(exception),
    );
    return {
      error: {
        status: HttpStatus.INTERNAL_SERVER_ERROR,
        code: 'internal_error',
        message: 'internal error',
      },
    };
  }
}

function codeFor(status: number): string {
  if (status === 400) return 'invalid_request';
  if (status === 404) return 'not_found';
  if (status === 413) return 'payload_too_large';
  if (status === 415) return 'unsupported_media_type';
  return status >= 500 ? 'internal_error' : 'request_error';
}
