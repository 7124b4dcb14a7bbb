import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { CreateApiKeyRequest, ApiKeyView, CreatedApiKey } from '@schematrace/contracts';
import { ApiKeyRepository, type ApiKeyRow } from '@schematrace/persistence';
import { z } from 'zod';
import { ApiError } from '../http/api-error';
import { validate } from '../http/zod-validation.pipe';
import { newKeySecret } from './api-key-secret';
import { Authenticator } from './authenticator.service';
import { RequiresScope } from './principal';
import { ApiRoute } from '../openapi/api-route.decorator';

/** API keys: created (the key is shown once), listed and revoked by an admin. */
@Controller('v1/api-keys')
@RequiresScope('admin')
export class ApiKeysController {
  constructor(
    private readonly keys: ApiKeyRepository,
    private readonly authenticator: Authenticator,
  ) {}

  @ApiRoute({ summary: 'Create an API key (shown once)', response: CreatedApiKey })
  @Post()
  @HttpCode(201)
  async create(
    @Body(validate(CreateApiKeyRequest)) body: z.output<typeof CreateApiKeyRequest>,
  ): Promise<CreatedApiKey> {
    const secret = newKeySecret();
    const row = await this.keys.create({
      id: secret.id,
      hash: secret.hash,
      scope: body.scope,
      project: body.project ?? null,
      label: body.label ?? null,
    });
    this.authenticator.keysChanged();
    return { ...view(row), key: secret.key };
  }

  @ApiRoute({
    summary: 'Every API key, revoked ones too (never the key itself)',
    response: z.array(ApiKeyView),
  })
  @Get()
  async list(): Promise<ApiKeyView[]> {
    return (await this.keys.list()).map(view);
  }

  @ApiRoute({ summary: 'Revoke an API key', response: ApiKeyView })
  @Delete(':id')
  async revoke(@Param('id') id: string): Promise<ApiKeyView> {
    const row = await this.keys.revoke(id);
    if (!row) throw ApiError.notFound(`API key ${id} does not exist`);
    this.authenticator.keysChanged();
    return view(row);
  }
}

function view(row: ApiKeyRow): ApiKeyView {
  return {
    id: row.id,
    scope: row.scope,
    project: row.project,
    label: row.label,
    createdAt: row.createdAt.toISOString(),
    revokedAt: row.revokedAt ? row.revokedAt.toISOString() : null,
  };
}
