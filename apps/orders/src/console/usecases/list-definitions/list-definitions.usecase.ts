import { Injectable } from '@nestjs/common';
import { SagaReader, type SagaDefinitionView } from '#saga';

/** Every saga version this orders runs, with its steps: what a deploy carries and must keep. */
@Injectable()
export class ListDefinitionsUseCase {
  constructor(private readonly sagas: SagaReader) {}

  execute(): SagaDefinitionView[] {
    return this.sagas.definitions();
  }
}
