// The launcher behind `npm start`, written for this project on purpose: it starts the services
// in dependency order, each only once the one before answers /health/ready (auth first: the
// others fetch its JWKS), then watches their health and restarts one whose liveness fails within
// a budget. pm2 runs a daemon with its own process model and state; concurrently/npm-run-all start
// everything at once with no readiness order or health; wait-on only polls. None of them does
// readiness-ordered start with health-based restarts, so this file does, in about a hundred lines.
import { relative } from 'node:path';
import { HealthWatch, type WatchOptions } from './health-watch.js';
import { formatLogLine } from './log-format.js';
import type { ServicePlan } from './plan.js';
import { RestartBudget } from './restart-budget.js';
import { ServiceProcess } from './service-process.js';
import { renderStatusTable } from './status-table.js';

export interface SupervisorOptions {
  repoRoot: string;
  readyTimeoutMs: number;
  /** How long a service may take to stop after SIGTERM before it is killed. */
  stopGraceMs: number;
  /** Polling of every service's health once all are ready. */
  watch: WatchOptions;
  /** Restarts after failed liveness, per service and window, before giving up on the system. */
  restarts: { limit: number; windowMs: number };
  color: boolean;
  out: (text: string) => void;
  err: (text: string) => void;
}

const PREFIX_WIDTH = '[launcher]'.length;
const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/**
 * Runs the services as one system: auth first (the others fetch its JWKS), then payments and
 * orders together; stops all of them on a signal (exit 0) or when one dies (exit 1). Once all are
 * ready it watches their health: a service that stops being ready is reported with the reason,
 * one that fails liveness (its store wedged) is restarted, within a budget, else all stop.
 */
export class Supervisor {
  private services: ServiceProcess[] = [];
  private stopping: Promise<number> | undefined;
  private ready = false;
  private readonly done = Promise.withResolvers<number>();
  private readonly watch: HealthWatch;
  private readonly budget: RestartBudget;
  private readonly restarting = new Set<string>();

  constructor(
    private readonly plans: readonly ServicePlan[],
    private readonly options: SupervisorOptions,
  ) {
    this.budget = new RestartBudget(options.restarts.limit, options.restarts.windowMs);
    const watched = () =>
      this.services
        .filter((service) => !this.restarting.has(service.plan.name))
        .map((service) => ({ name: service.plan.name, httpPort: service.plan.httpPort }));
    this.watch = new HealthWatch(watched, options.watch, {
      notReady: (name, reason) => this.complain(`${name} is not ready: ${reason}`),
      readyAgain: (name) => this.say(`${name} is ready again`),
      notLive: (name, reason) => void this.restart(name, reason),
    });
  }

  /** Resolves with the process exit code once every service has stopped. */
  async run(): Promise<number> {
    for (const signal of SIGNALS) {
      // npm forwards the terminal's Ctrl-C as well, so a second signal is expected and ignored.
      process.on(signal, () => void this.shutdown(0, `${signal} received`));
    }
    try {
      const [first, ...rest] = this.plans;
      await this.startAll([first!]);
      await this.startAll(rest);
      this.ready = !this.stopping;
      if (this.ready) {
        this.printTable();
        this.watch.start();
      }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      void this.shutdown(1, message);
    }
    return this.done.promise;
  }

  private async startAll(plans: readonly ServicePlan[]): Promise<void> {
    if (this.stopping) return;
    const started = plans.map((plan) => this.startOne(plan));
    await Promise.all(started.map((service) => service.waitReady(this.options.readyTimeoutMs)));
  }

  private startOne(plan: ServicePlan): ServiceProcess {
    if (!this.restarting.has(plan.name)) this.say(`starting ${plan.name}`);
    const service = new ServiceProcess(plan, this.options.repoRoot, (line) =>
      this.options.out(
        formatLogLine(plan.name, line, { prefixWidth: PREFIX_WIDTH, color: this.options.color }),
      ),
    );
    this.services.push(service);
    void service.exited.then(({ code, signal }) => {
      if (!this.services.includes(service)) return; // replaced by a restart
      const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
      const when = this.ready ? 'unexpectedly' : 'before it was ready';
      void this.shutdown(1, `${plan.name} ${how} ${when}; see ${this.shown(plan.logFile)}`);
    });
    return service;
  }

  /** Stops a service that failed liveness and starts it again, if its budget allows. */
  private async restart(name: string, reason: string): Promise<void> {
    const old = this.services.find((service) => service.plan.name === name);
    if (!old || this.stopping || this.restarting.has(name)) return;
    const attempt = this.budget.take(name);
    const { limit, windowMs } = this.options.restarts;
    if (attempt === undefined) {
      const window = `${Math.round(windowMs / 60_000)} min`;
      void this.shutdown(
        1,
        `${name} failed liveness again (${reason}) after ${limit} restarts in ${window}`,
      );
      return;
    }
    this.complain(`${name} failed liveness (${reason}); restarting it (${attempt} of ${limit})`);
    this.restarting.add(name);
    this.services = this.services.filter((service) => service !== old);
    try {
      await old.stop(this.options.stopGraceMs);
      if (this.stopping) return;
      const fresh = this.startOne(old.plan);
      await fresh.waitReady(this.options.readyTimeoutMs);
      this.say(`${name} restarted and ready (pid ${fresh.pid})`);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      void this.shutdown(1, `${name} did not come back after a restart: ${message}`);
    } finally {
      this.restarting.delete(name);
      this.watch.reset(name);
    }
  }

  /** Idempotent: the first reason wins, later calls wait for the same shutdown. */
  private shutdown(exitCode: number, reason: string): Promise<number> {
    if (this.stopping) return this.stopping;
    this.watch.stop();
    (exitCode === 0 ? this.say : this.complain).call(this, `${reason}; stopping everything`);
    this.stopping = (async () => {
      const running = this.services.filter((service) => service.running);
      await Promise.all(this.services.map((service) => service.stop(this.options.stopGraceMs)));
      const names = running.map((service) => service.plan.name).join(', ');
      this.say(names ? `stopped ${names}` : 'nothing was running');
      return exitCode;
    })();
    void this.stopping.then(this.done.resolve, this.done.reject);
    return this.stopping;
  }

  private printTable(): void {
    const table = renderStatusTable(
      this.services.map((service) => ({
        service: service.plan.name,
        pid: service.pid,
        httpPort: service.plan.httpPort,
        grpcPort: service.plan.grpcPort,
        store: service.reportedStore?.startsWith('embedded')
          ? service.reportedStore.replaceAll(this.options.repoRoot, '')
          : service.plan.store,
        logFile: this.shown(service.plan.logFile),
      })),
    );
    this.options.out(`\n${table}\n`);
    this.say('all services are ready; press Ctrl-C to stop them');
  }

  private shown(path: string): string {
    const rel = relative(this.options.repoRoot, path);
    return rel.startsWith('..') ? path : rel;
  }

  private say(message: string): void {
    this.options.out(`${'[launcher]'.padEnd(PREFIX_WIDTH)} ${message}`);
  }

  private complain(message: string): void {
    this.options.err(`${'[launcher]'.padEnd(PREFIX_WIDTH)} ${message}`);
  }
}
