import { Catch, type ArgumentsHost } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { throwError, type Observable } from 'rxjs';

/**
 * Nest turns an error thrown by a message handler into a generic `{ status: 'error' }` object.
 * This filter hands the original error back to the transport, which decides from its type
 * whether to retry the message or dead-letter it. HTTP errors get Nest's usual handling.
 */
@Catch()
export class RethrowHandlerErrorsFilter extends BaseExceptionFilter {
  override catch(exception: unknown, host: ArgumentsHost): Observable<never> | void {
    if (host.getType() === 'rpc') return throwError(() => exception);
    return super.catch(exception, host);
  }
}
