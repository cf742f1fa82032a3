import type { Metadata } from '@grpc/grpc-js';
import { Controller, UseGuards } from '@nestjs/common';
import { ordersV1 } from '#contracts';
import { AuthGuard, callerOf } from '#identity';
import { parseInput } from '#platform';
import {
  grpcCancelOrder,
  grpcCreateOrder,
  listOrdersInput,
  orderIdInput,
} from './transport/order-input.schemas.js';
import { toProtoOrder, toProtoSaga } from './transport/order.proto-mapper.js';
import { CancelOrderUseCase } from './usecases/cancel-order/cancel-order.usecase.js';
import { CreateOrderUseCase } from './usecases/create-order/create-order.usecase.js';
import { GetOrderSagaUseCase } from './usecases/get-order-saga/get-order-saga.usecase.js';
import { GetOrderUseCase } from './usecases/get-order/get-order.usecase.js';
import { ListOrdersUseCase } from './usecases/list-orders/list-orders.usecase.js';

/** orders.v1.OrderService: proto in → validated command → use case → proto out. */
@Controller()
@UseGuards(AuthGuard)
@ordersV1.OrderServiceControllerMethods()
export class OrdersGrpcController implements ordersV1.OrderServiceController {
  constructor(
    private readonly createOrderUseCase: CreateOrderUseCase,
    private readonly getOrderUseCase: GetOrderUseCase,
    private readonly listOrdersUseCase: ListOrdersUseCase,
    private readonly cancelOrderUseCase: CancelOrderUseCase,
    private readonly getOrderSagaUseCase: GetOrderSagaUseCase,
  ) {}

  async createOrder(request: ordersV1.CreateOrderRequest, metadata?: Metadata) {
    const input = parseInput(grpcCreateOrder, request);
    const order = await this.createOrderUseCase.execute({ caller: callerOf(metadata), ...input });
    return { order: toProtoOrder(order) };
  }

  async getOrder(request: ordersV1.GetOrderRequest, metadata?: Metadata) {
    const { orderId } = parseInput(orderIdInput, request);
    return { order: toProtoOrder(await this.getOrderUseCase.execute(callerOf(metadata), orderId)) };
  }

  async listOrders(request: ordersV1.ListOrdersRequest, metadata?: Metadata) {
    const { pageSize, pageToken } = parseInput(listOrdersInput, request);
    const page = await this.listOrdersUseCase.execute(callerOf(metadata), pageSize, pageToken);
    return { orders: page.orders.map(toProtoOrder), nextPageToken: page.nextPageToken };
  }

  async cancelOrder(request: ordersV1.CancelOrderRequest, metadata?: Metadata) {
    const { orderId, reason } = parseInput(grpcCancelOrder, request);
    const order = await this.cancelOrderUseCase.execute(callerOf(metadata), orderId, reason);
    return { order: toProtoOrder(order) };
  }

  async getOrderSaga(request: ordersV1.GetOrderSagaRequest, metadata?: Metadata) {
    const { orderId } = parseInput(orderIdInput, request);
    const sagas = await this.getOrderSagaUseCase.execute(callerOf(metadata), orderId);
    return { sagas: sagas.map(toProtoSaga) };
  }
}
