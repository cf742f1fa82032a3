import { Controller, Get } from '@nestjs/common';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { LIVE } from '#platform';

@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly postgres: TypeOrmHealthIndicator,
  ) {}

  @Get('live')
  live() {
    return LIVE;
  }

  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check([() => this.postgres.pingCheck('postgres', { timeout: 2_000 })]);
  }
}
