import { Body, Controller, Get, Put, UseGuards } from '@nestjs/common';
import { z } from 'zod';
import { AuthGuard, Roles } from '#identity';
import { parseInput } from '#platform';
import { FaultSwitch } from './fault-switch.js';

export const refundFaultInput = z.strictObject({
  failing: z.boolean({ error: 'must be true or false' }),
});

/**
 * Test-only: arms or lifts the `[fail-refund]` fault at run time, so an end-to-end test can make
 * a saga STUCK and then let its retry succeed. Exists only when SAGA_FAULTS_ENABLED=true.
 */
@Controller('console/api/test-faults')
@UseGuards(AuthGuard)
@Roles('admin')
export class TestFaultsHttpController {
  constructor(private readonly faults: FaultSwitch) {}

  @Get('refund')
  refund() {
    return { failing: this.faults.refundFailing };
  }

  @Put('refund')
  setRefund(@Body() body: unknown) {
    this.faults.refundFailing = parseInput(refundFaultInput, body).failing;
    return { failing: this.faults.refundFailing };
  }
}
