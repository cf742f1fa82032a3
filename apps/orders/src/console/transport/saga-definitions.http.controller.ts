import { Controller, Get, UseGuards } from '@nestjs/common';
import type { SagaDefinitionView } from '#saga';
import { AuthGuard, Roles } from '#identity';
import { ListDefinitionsUseCase } from '../usecases/list-definitions/list-definitions.usecase.js';

/** The saga definitions this replica runs: every version, its steps in order. */
@Controller('console/api/saga-definitions')
@UseGuards(AuthGuard)
@Roles('admin')
export class SagaDefinitionsHttpController {
  constructor(private readonly definitions: ListDefinitionsUseCase) {}

  @Get()
  list() {
    return { definitions: this.definitions.execute().map(toHttpDefinition) };
  }
}

function toHttpDefinition(definition: SagaDefinitionView) {
  return {
    type: definition.type,
    version: definition.version,
    newest: definition.newest,
    steps: definition.steps.map((step) => ({
      name: step.name,
      local: step.local,
      compensable: step.compensable,
      on_failure: step.onFailure,
    })),
  };
}
