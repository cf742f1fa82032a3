import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  Query,
  Req,
  UseGuards,
} from '@nestjs/common';
import type { Request } from 'express';
import { AuthGuard, callerOf, Roles } from '#identity';
import { parseInput } from '#platform';
import { GetSagaUseCase } from '../usecases/get-saga/get-saga.usecase.js';
import { ListSagasUseCase } from '../usecases/list-sagas/list-sagas.usecase.js';
import { ResolveSagaUseCase } from '../usecases/resolve-saga/resolve-saga.usecase.js';
import { RetrySagaUseCase } from '../usecases/retry-saga/retry-saga.usecase.js';
import { listSagasInput, resolveInput, retryInput, sagaIdInput } from './console-input.schemas.js';
import { toHttpDetail, toHttpPage, toHttpSaga } from './console.http-mapper.js';

/** The saga console's API: every saga, its timeline, and the two actions on STUCK ones. */
@Controller('console/api/sagas')
@UseGuards(AuthGuard)
@Roles('admin')
export class SagasAdminHttpController {
  constructor(
    private readonly listSagas: ListSagasUseCase,
    private readonly getSaga: GetSagaUseCase,
    private readonly retrySaga: RetrySagaUseCase,
    private readonly resolveSaga: ResolveSagaUseCase,
  ) {}

  @Get()
  async list(@Query() query: unknown) {
    return toHttpPage(await this.listSagas.execute(parseInput(listSagasInput, query)));
  }

  @Get(':id')
  async get(@Req() req: Request, @Param('id') id: string) {
    const { sagaId } = parseInput(sagaIdInput, { sagaId: id });
    return toHttpDetail(await this.getSaga.execute(callerOf(req), sagaId));
  }

  @Post(':id/retry')
  @HttpCode(200)
  async retry(@Req() req: Request, @Param('id') id: string, @Body() body: unknown) {
    const { sagaId } = parseInput(sagaIdInput, { sagaId: id });
    const { note } = parseInput(retryInput, body ?? {});
    const saga = await this.retrySaga.execute(callerOf(req), sagaId, note);
    return { saga: toHttpSaga(saga, false, new Date()) };
  }

  @Post(':id/resolve')
  @HttpCode(200)
  async resolve(@Req() req: Request, @Param('id') id: string, @Body() body: unknown) {
    const { sagaId } = parseInput(sagaIdInput, { sagaId: id });
    const { note } = parseInput(resolveInput, body ?? {});
    const saga = await this.resolveSaga.execute(callerOf(req), sagaId, note);
    return { saga: toHttpSaga(saga, false, new Date()) };
  }
}
