import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { REPO_ROOT } from '../images/images.js';
import { itCatchesEach, type Mistake } from './deliberate-mistakes.js';
import { actionlintProblems, requiredK6Variables, workflowProblems } from './workflow-policy.js';

const GITHUB = join(REPO_ROOT, '.github');
const LOAD = join(REPO_ROOT, 'load');
/** Built by scripts/deploy/test-deploy.sh (scripts/tools/install-go-tool.sh). */
const ACTIONLINT = process.env.ACTIONLINT ?? join(REPO_ROOT, '.tools/bin/actionlint');
const check = (github: string) => [
  ...actionlintProblems(join(github, 'workflows'), ACTIONLINT),
  ...workflowProblems(join(github, 'workflows'), LOAD),
];

describe('.github/workflows', () => {
  it('pass actionlint', () => {
    assert.deepEqual(actionlintProblems(join(GITHUB, 'workflows'), ACTIONLINT), []);
  });

  it('install what their suites need, and run the nightly load against a started gateway', () => {
    assert.deepEqual(workflowProblems(join(GITHUB, 'workflows'), LOAD), []);
  });

  it('know which variables each k6 script needs, its load/lib modules included', () => {
    assert.deepEqual(requiredK6Variables(LOAD, 'bench-create-order'), [
      'ORDERS_GRPC',
      'ORDERS_URL',
      'SUMMARY_FILE',
      'TOKEN',
    ]);
    // lib/session.js signs orders' service account in for the payments script.
    assert.deepEqual(requiredK6Variables(LOAD, 'smoke'), [
      'ORDERS_SERVICE_PASSWORD',
      'ORDERS_SERVICE_USERNAME',
    ]);
  });
});

describe('workflow checks catch a deliberate mistake and name the file', () => {
  const cases: Mistake[] = [
    [
      'an expression naming a context that does not exist (actionlint)',
      'workflows/nightly-k6.yml',
      'DURATION: ${{ inputs.duration }}',
      'DURATION: ${{ input.duration }}',
      /nightly-k6\.yml:\d+:\d+: undefined variable "input"/,
    ],
    [
      'a misspelt job key (actionlint)',
      'workflows/ci.yml',
      'runs-on: ubuntu-24.04',
      'run-on: ubuntu-24.04',
      /ci\.yml:\d+:\d+: unexpected key "run-on" for "job" section/,
    ],
    [
      'npm test without the packages its suites need (promtool, nginx …)',
      'workflows/ci.yml',
      '        run: bash scripts/ci/apt-deps.sh',
      '        run: echo skipped',
      /^ci\.yml job test: runs npm test without scripts\/ci\/apt-deps\.sh first$/,
    ],
    [
      'k6 against npm start, which starts no gateway',
      'workflows/nightly-k6.yml',
      '$COMPOSE up --build --detach gateway',
      'npm start >stack.log 2>&1 &',
      /^nightly-k6\.yml: no step starts the gateway before k6$/,
    ],
    [
      'a variable a k6 script needs left unset',
      'workflows/nightly-k6.yml',
      '-e TOKEN="$TOKEN" ',
      '',
      /^nightly-k6\.yml: load\/bench-create-order\.js needs TOKEN, which the k6 step does not set$/,
    ],
    [
      'no manual trigger inputs',
      'workflows/nightly-k6.yml',
      /\n {2}workflow_dispatch:\n {4}inputs:[\s\S]*?\n\npermissions/,
      '\n  workflow_dispatch:\n\npermissions',
      /^nightly-k6\.yml: no workflow_dispatch inputs$/,
    ],
    [
      'artefacts kept for the default time only',
      'workflows/nightly-k6.yml',
      '          retention-days: 30\n',
      '',
      /^nightly-k6\.yml: keeps its artefacts 30 days$/,
    ],
  ];

  itCatchesEach(GITHUB, check, cases);
});
