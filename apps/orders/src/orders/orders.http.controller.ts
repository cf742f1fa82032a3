import {
  Body,
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  Post,
  Query,
  Req,
  UseGuards,
} from '@nestjs/common';
import type { Request } from 'express';
import { AuthGuard, callerOf } from '#identity';
import { parseInput } from '#platform';
import {
  httpCancelOrder,
  httpCreateOrder,
  listOrdersInput,
  orderIdInput,
} from './transport/order-input.schemas.js';
import { toHttpOrder, toHttpSaga } from './transport/order.http-mapper.js';
import { CancelOrderUseCase } from './usecases/cancel-order/cancel-order.usecase.js';
import { CreateOrderUseCase } from './usecases/create-order/create-order.usecase.js';
import { GetOrderSagaUseCase } from './usecases/get-order-saga/get-order-saga.usecase.js';
import { GetOrderUseCase } from './usecases/get-order/get-order.usecase.js';
import { ListOrdersUseCase } from './usecases/list-orders/list-orders.usecase.js';

/** The HTTP/JSON mirror of orders.v1.OrderService for browsers and load tests. */
@Controller('v1/orders')
@UseGuards(AuthGuard)
export class OrdersHttpController {
  constructor(
    private readonly createOrderUseCase: CreateOrderUseCase,
    private readonly getOrderUseCase: GetOrderUseCase,
    private readonly listOrdersUseCase: ListOrdersUseCase,
    private readonly cancelOrderUseCase: CancelOrderUseCase,
    private readonly getOrderSagaUseCase: GetOrderSagaUseCase,
  ) {}

  /** The key may come as the `Idempotency-Key` header or the body's `idempotency_key`. */
  @Post()
  @HttpCode(201)
  async create(
    @Req() req: Request,
    @Body() body: unknown,
    @Headers('idempotency-key') key?: string,
  ) {
    const withKey =
      key && isObject(body) && !('idempotency_key' in body)
        ? { ...body, idempotency_key: key }
        : body;
    const input = parseInput(httpCreateOrder, withKey);
    return toHttpOrder(await this.createOrderUseCase.execute({ caller: callerOf(req), ...input }));
  }

  @Get()
  async list(@Req() req: Request, @Query('page_size') size = '0', @Query('page_token') token = '') {
    const { pageSize, pageToken } = parseInput(listOrdersInput, {
      pageSize: size,
      pageToken: token,
    });
    const page = await this.listOrdersUseCase.execute(callerOf(req), pageSize, pageToken);
    return { orders: page.orders.map(toHttpOrder), next_page_token: page.nextPageToken };
  }

  @Get(':id')
  async get(@Req() req: Request, @Param('id') id: string) {
    const { orderId } = parseInput(orderIdInput, { orderId: id });
    return toHttpOrder(await this.getOrderUseCase.execute(callerOf(req), orderId));
  }

  @Post(':id/cancel')
  @HttpCode(200)
  async cancel(@Req() req: Request, @Param('id') id: string, @Body() body: unknown) {
    const { orderId } = parseInput(orderIdInput, { orderId: id });
    const { reason } = parseInput(httpCancelOrder, body ?? {});
    return toHttpOrder(await this.cancelOrderUseCase.execute(callerOf(req), orderId, reason));
  }

  @Get(':id/saga')
  async saga(@Req() req: Request, @Param('id') id: string) {
    const { orderId } = parseInput(orderIdInput, { orderId: id });
    const sagas = await this.getOrderSagaUseCase.execute(callerOf(req), orderId);
    return { sagas: sagas.map(toHttpSaga) };
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
