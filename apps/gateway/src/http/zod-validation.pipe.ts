import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import type { z } from 'zod';
import { decode } from '@schematrace/contracts';
import { ApiError } from './api-error';

/** Validates a body, query or path parameter against a contract schema; 400 names the field. */
@Injectable()
export class ZodValidationPipe<S extends z.ZodType> implements PipeTransform<unknown, z.output<S>> {
  /** Public so the OpenAPI document is generated from the very schema that validates. */
  constructor(readonly schema: S) {}

  transform(value: unknown, metadata: ArgumentMetadata): z.output<S> {
    const decoded = decode(this.schema, value);
    if (decoded.ok) return decoded.value;
    const where = metadata.type === 'param' && metadata.data ? metadata.data : metadata.type;
    throw ApiError.invalid(where, decoded.issues);
  }
}

export const validate = <S extends z.ZodType>(schema: S) => new ZodValidationPipe(schema);
