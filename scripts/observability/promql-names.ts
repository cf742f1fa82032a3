/**
 * The metric names a PromQL expression reads, e.g. `sum by (route) (rate(x_count{a="b"}[5m]))`
 * → ["x_count"], from the syntax tree of Prometheus's own grammar (@prometheus-io/lezer-promql,
 * the parser behind Prometheus's and Grafana's query editors): every vector selector's name,
 * whether written before the braces, quoted inside them (`{"x.y"}`) or as a `__name__="x"`
 * matcher. A `__name__=~` regex names no metric in particular and is not reported.
 */
import {
  EqlSingle,
  Identifier,
  LabelMatchers,
  LabelName,
  MatchOp,
  parser,
  QuotedLabelMatcher,
  QuotedLabelName,
  StringLiteral,
  UnquotedLabelMatcher,
  VectorSelector,
} from '@prometheus-io/lezer-promql';

type Node = ReturnType<typeof parser.parse>['topNode'];

/**
 * Grafana replaces its variables (`$__rate_interval`, `$route`, `${service}`) before Prometheus
 * sees the query; a duration stands in for each, which is valid wherever dashboards put them
 * (ranges, and label values, where the text does not matter).
 */
const GRAFANA_VARIABLE = /\$(\{[^}]*\}|\w+)/g;

/** Throws on anything that is not PromQL, so a broken query fails the check that reads it. */
export function metricNames(expr: string): string[] {
  const text = expr.replace(GRAFANA_VARIABLE, '5m');
  const names = new Set<string>();
  parser.parse(text).iterate({
    enter: (ref) => {
      if (ref.type.isError) {
        const near = text.slice(ref.from, ref.from + 20) || 'the end';
        throw new Error(`not PromQL: near "${near}" in ${expr}`);
      }
      if (ref.type.id !== VectorSelector) return;
      const name = selectorName(ref.node, text);
      if (name !== undefined) names.add(name);
    },
  });
  return [...names];
}

/** Grafana's `label_values(<selector>, <label>)` template query: the selector's metric names. */
export function templateQueryMetricNames(query: string): string[] {
  const match = /^\s*label_values\((.*),\s*[a-zA-Z_][a-zA-Z0-9_]*\s*\)\s*$/s.exec(query);
  if (match) return metricNames(match[1]!);
  if (/^\s*label_values\(\s*[a-zA-Z_][a-zA-Z0-9_]*\s*\)\s*$/.test(query)) return [];
  return metricNames(query);
}

function selectorName(selector: Node, text: string): string | undefined {
  const identifier = selector.getChild(Identifier);
  if (identifier) return slice(identifier, text);
  const matchers = selector.getChild(LabelMatchers);
  if (!matchers) return undefined;
  const quotedName = matchers.getChild(QuotedLabelName)?.getChild(StringLiteral);
  if (quotedName) return unquote(slice(quotedName, text));
  const byName = [
    ...matchers.getChildren(UnquotedLabelMatcher).map((m) => [m, m.getChild(LabelName)] as const),
    ...matchers
      .getChildren(QuotedLabelMatcher)
      .map((m) => [m, m.getChild(QuotedLabelName)?.getChild(StringLiteral) ?? null] as const),
  ];
  for (const [matcher, label] of byName) {
    const value = unquote(slice(label, text)) === '__name__' ? equalTo(matcher, text) : undefined;
    if (value !== undefined) return value;
  }
  return undefined;
}

/** The value of a `label="value"` matcher; undefined for !=, =~ and !~. */
function equalTo(matcher: Node, text: string): string | undefined {
  if (!matcher.getChild(MatchOp)?.getChild(EqlSingle)) return undefined;
  const value = matcher.getChild(StringLiteral);
  return value ? unquote(slice(value, text)) : undefined;
}

function slice(node: Node | null, text: string): string {
  return node ? text.slice(node.from, node.to) : '';
}

/** A string literal's text (metric names hold no escapes beyond `\"`); a bare label as it is. */
function unquote(literal: string): string {
  const quote = literal[0];
  if (quote !== '"' && quote !== "'" && quote !== '`') return literal;
  const inner = literal.slice(1, -1);
  return quote === '`' ? inner : inner.replace(/\\(.)/g, '$1');
}
