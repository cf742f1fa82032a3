import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { metricNames, templateQueryMetricNames } from './promql-names.js';

export const OBSERVABILITY_DIR = fileURLToPath(
  new URL('../../../docker/observability/', import.meta.url),
);
export const ALERTS_DIR = join(OBSERVABILITY_DIR, 'alerts');
export const DASHBOARDS_DIR = join(OBSERVABILITY_DIR, 'grafana/provisioning/dashboards');

/**
 * Series of the database exporters (postgres-exporter, redis-exporter), not of the apps: the live
 * Prometheus test (alerts.live-spec.ts) finds each one the rules and dashboards use in the real
 * exporters' output.
 */
export const EXPORTER_SERIES = /^(pg|redis)_/;

/** One PromQL expression and where it is written, for messages that point at the file. */
export interface UsedExpression {
  where: string;
  expr: string;
  names: string[];
}

export function ruleFiles(): string[] {
  return readdirSync(ALERTS_DIR)
    .filter((name) => name.endsWith('.rules.yml'))
    .map((name) => join(ALERTS_DIR, name));
}

export function dashboardFiles(): string[] {
  return readdirSync(DASHBOARDS_DIR)
    .filter((name) => name.endsWith('.json'))
    .map((name) => join(DASHBOARDS_DIR, name));
}

interface RuleFile {
  groups?: { name: string; rules?: { alert?: string; record?: string; expr: string }[] }[];
}

export function ruleExpressions(): UsedExpression[] {
  return ruleFiles().flatMap((file) => {
    const { groups = [] } = parse(readFileSync(file, 'utf8')) as RuleFile;
    return groups.flatMap((group) =>
      (group.rules ?? []).map(({ alert, record, expr }) => ({
        where: `${file}: ${alert ?? record}`,
        expr,
        names: metricNames(expr),
      })),
    );
  });
}

export interface Panel {
  title?: string;
  type: string;
  datasource?: { type?: string; uid?: string };
  targets?: { expr?: string; datasource?: { uid?: string } }[];
  panels?: Panel[];
  gridPos?: { x: number; y: number; w: number; h: number };
}
export interface Dashboard {
  uid: string;
  title: string;
  panels: Panel[];
  templating?: { list?: { name: string; query?: string | { query?: string } }[] };
}

export function readDashboard(file: string): Dashboard {
  return JSON.parse(readFileSync(file, 'utf8')) as Dashboard;
}

/** Panels of a dashboard, those inside collapsed rows included. */
export function panelsOf(dashboard: Dashboard): Panel[] {
  return dashboard.panels.flatMap((panel) => [panel, ...(panel.panels ?? [])]);
}

export function dashboardExpressions(): UsedExpression[] {
  return dashboardFiles().flatMap((file) => {
    const dashboard = readDashboard(file);
    const targets = panelsOf(dashboard).flatMap((panel) =>
      (panel.targets ?? [])
        .filter((target) => target.expr)
        .map((target) => ({
          where: `${file}: panel "${panel.title}"`,
          expr: target.expr!,
          names: metricNames(target.expr!),
        })),
    );
    const variables = (dashboard.templating?.list ?? []).flatMap((variable) => {
      const query = typeof variable.query === 'string' ? variable.query : variable.query?.query;
      if (!query) return [];
      const where = `${file}: variable $${variable.name}`;
      return [{ where, expr: query, names: templateQueryMetricNames(query) }];
    });
    return [...targets, ...variables];
  });
}
