/**
 * The metric names a PromQL expression reads, e.g. `sum by (route) (rate(x_count{a="b"}[5m]))`
 * → ["x_count"]. A small scanner rather than a full parser: it skips strings, label matchers,
 * ranges, numbers, Grafana variables, function calls and the label lists of by/without/on/
 * ignoring/group_left/group_right; every other identifier is a metric name.
 */
const LABEL_LIST_KEYWORDS = new Set([
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
]);
const KEYWORDS = new Set(['and', 'or', 'unless', 'bool', 'offset', 'atan2', 'inf', 'nan']);
const IDENTIFIER = /[a-zA-Z_:][a-zA-Z0-9_:]*/y;
const NUMBER = /(0x[0-9a-fA-F]+|[0-9]*\.?[0-9]+(e[+-]?[0-9]+)?)([smhdwy]|ms)?/y;

export function metricNames(expr: string): string[] {
  const names = new Set<string>();
  let i = 0;
  while (i < expr.length) {
    const char = expr[i]!;
    if (char === '"' || char === "'" || char === '`') i = skipString(expr, i);
    else if (char === '{') i = skipBlock(expr, i, '{', '}');
    else if (char === '[') i = skipBlock(expr, i, '[', ']');
    else if (char === '$') i = skipVariable(expr, i + 1);
    else if (/[0-9.]/.test(char)) i = matchAt(NUMBER, expr, i) ?? i + 1;
    else if (/[a-zA-Z_:]/.test(char)) {
      const end = matchAt(IDENTIFIER, expr, i)!;
      const word = expr.slice(i, end);
      const after = skipSpaces(expr, end);
      if (LABEL_LIST_KEYWORDS.has(word)) {
        i = expr[after] === '(' ? skipBlock(expr, after, '(', ')') : after;
      } else if (word === 'offset') {
        i = skipDuration(expr, after);
      } else {
        if (!KEYWORDS.has(word.toLowerCase()) && !startsCall(expr, after)) names.add(word);
        i = end;
      }
    } else i += 1;
  }
  return [...names];
}

/** Grafana's `label_values(<selector>, <label>)` template query: the selector's metric names. */
export function templateQueryMetricNames(query: string): string[] {
  const match = /^\s*label_values\((.*),\s*[a-zA-Z_][a-zA-Z0-9_]*\s*\)\s*$/s.exec(query);
  if (match) return metricNames(match[1]!);
  if (/^\s*label_values\(\s*[a-zA-Z_][a-zA-Z0-9_]*\s*\)\s*$/.test(query)) return [];
  return metricNames(query);
}

/** A function call, or an aggregation with its modifier first: `max by (x) (…)`. */
function startsCall(text: string, at: number): boolean {
  return text[at] === '(' || /^(by|without)\s*\(/.test(text.slice(at));
}

function matchAt(pattern: RegExp, text: string, at: number): number | undefined {
  pattern.lastIndex = at;
  return pattern.exec(text) ? pattern.lastIndex : undefined;
}

function skipSpaces(text: string, at: number): number {
  while (at < text.length && /\s/.test(text[at]!)) at += 1;
  return at;
}

function skipString(text: string, at: number): number {
  const quote = text[at];
  for (let i = at + 1; i < text.length; i += 1) {
    if (text[i] === '\\' && quote !== '`') i += 1;
    else if (text[i] === quote) return i + 1;
  }
  return text.length;
}

/** From an opening bracket to just after its match, strings inside included. */
function skipBlock(text: string, at: number, open: string, close: string): number {
  let depth = 0;
  for (let i = at; i < text.length;) {
    const char = text[i]!;
    if (char === '"' || char === "'" || char === '`') {
      i = skipString(text, i);
      continue;
    }
    if (char === open) depth += 1;
    else if (char === close && --depth === 0) return i + 1;
    i += 1;
  }
  return text.length;
}

function skipVariable(text: string, at: number): number {
  if (text[at] === '{') return skipBlock(text, at, '{', '}');
  return matchAt(/[a-zA-Z0-9_]*/y, text, at) ?? at;
}

function skipDuration(text: string, at: number): number {
  if (text[at] === '-') at += 1;
  return matchAt(/([0-9]+(ms|[smhdwy]))+/y, text, at) ?? at;
}
