import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

interface Step {
  name?: string;
  run?: string;
  uses?: string;
  with?: Record<string, unknown>;
}
interface Workflow {
  on?: Record<string, { inputs?: Record<string, unknown> } | null>;
  jobs: Record<string, { steps?: Step[]; env?: Record<string, string> }>;
}

const workflowFiles = (dir: string) =>
  readdirSync(dir)
    .filter((name) => name.endsWith('.yml') || name.endsWith('.yaml'))
    .map((name) => join(dir, name));

/**
 * actionlint (v1.7.12, built from the Go module proxy into .tools/bin) over every workflow: one
 * `file:line:col: message [rule]` per problem. Throws if actionlint itself cannot run.
 */
export function actionlintProblems(workflowsDir: string, actionlint: string): string[] {
  const run = spawnSync(actionlint, ['-no-color', '-oneline', ...workflowFiles(workflowsDir)], {
    encoding: 'utf8',
  });
  if (run.error || (run.status !== 0 && run.status !== 1))
    throw new Error(`actionlint did not run (${run.status}): ${run.error?.message ?? run.stderr}`);
  return run.stdout.split('\n').filter(Boolean);
}

/**
 * The variables a k6 script reads with no fallback (`__ENV.NAME` not followed by `||`, `??` or
 * a comparison), in the script and the load/lib modules it imports.
 */
export function requiredK6Variables(loadDir: string, script: string): string[] {
  const source = readFileSync(join(loadDir, `${script}.js`), 'utf8');
  const libs = [...source.matchAll(/from '\.\/(lib\/[\w-]+\.js)'/g)].map((m) =>
    readFileSync(join(loadDir, m[1] ?? ''), 'utf8'),
  );
  const names = [source, ...libs].flatMap((text) =>
    [...text.matchAll(/__ENV\.([A-Z0-9_]+)(?![A-Z0-9_])(?!\s*(\|\||\?\?|===|!==))/g)].map(
      (m) => m[1] ?? '',
    ),
  );
  return [...new Set(names)].sort();
}

/**
 * What the workflows must do to run at all: every job that runs `npm test` installs the packages
 * its suites need (scripts/ci/apt-deps.sh); the nightly load run starts the gateway before k6,
 * runs every load/*.js script by default with each variable it needs, can be started by hand
 * with inputs, and keeps its artefacts 30 days.
 */
export function workflowProblems(workflowsDir: string, loadDir: string): string[] {
  const problems: string[] = [];
  for (const file of workflowFiles(workflowsDir)) {
    const name = file.split('/').pop() ?? file;
    const workflow = parse(readFileSync(file, 'utf8')) as Workflow;
    for (const [jobName, job] of Object.entries(workflow.jobs ?? {})) {
      const runs = (job.steps ?? []).map((step) => step.run ?? '');
      const test = runs.findIndex((run) => /^npm test\b/m.test(run));
      const deps = runs.findIndex((run) => run.includes('scripts/ci/apt-deps.sh'));
      if (test >= 0 && (deps < 0 || deps > test))
        problems.push(`${name} job ${jobName}: runs npm test without scripts/ci/apt-deps.sh first`);
    }
  }
  problems.push(...nightlyProblems(join(workflowsDir, 'nightly-k6.yml'), loadDir));
  return problems;
}

function nightlyProblems(file: string, loadDir: string): string[] {
  const say = (problem: string) => `nightly-k6.yml: ${problem}`;
  const workflow = parse(readFileSync(file, 'utf8')) as Workflow;
  const job = Object.values(workflow.jobs)[0];
  const steps = job?.steps ?? [];
  const problems: string[] = [];
  if (!workflow.on?.workflow_dispatch?.inputs) problems.push(say('no workflow_dispatch inputs'));
  const k6 = steps.findIndex((step) => /k6 run/.test(step.run ?? ''));
  const gateway = steps.findIndex((step) =>
    /(docker compose|\$COMPOSE)\b[^\n]*\bup\b[^\n]*\bgateway\b/.test(step.run ?? ''),
  );
  if (k6 < 0) return [...problems, say('no step runs k6')];
  if (gateway < 0 || gateway > k6) problems.push(say('no step starts the gateway before k6'));
  const scripts = (/'([\w\s-]+)'/.exec(job?.env?.SCRIPTS ?? '')?.[1] ?? '').split(/\s+/);
  const all = readdirSync(loadDir)
    .filter((f) => f.endsWith('.js'))
    .map((f) => f.slice(0, -3));
  for (const script of all.filter((s) => !scripts.includes(s)))
    problems.push(say(`load/${script}.js is not among the scripts it runs by default`));
  const k6Run = steps[k6]?.run ?? '';
  for (const script of all) {
    for (const variable of requiredK6Variables(loadDir, script))
      if (!k6Run.includes(`-e ${variable}=`))
        problems.push(say(`load/${script}.js needs ${variable}, which the k6 step does not set`));
  }
  const upload = steps.find((step) => step.uses?.startsWith('actions/upload-artifact'));
  if (upload?.with?.['retention-days'] !== 30) problems.push(say('keeps its artefacts 30 days'));
  return problems;
}
