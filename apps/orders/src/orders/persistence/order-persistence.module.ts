import { Module } from '@nestjs/common';
import { FraudScreeningRepository } from './fraud-screening.repository.js';
import { OrderRepository } from './order.repository.js';

@Module({
  providers: [OrderRepository, FraudScreeningRepository],
  exports: [OrderRepository, FraudScreeningRepository],
})
export class OrderPersistenceModule {}
