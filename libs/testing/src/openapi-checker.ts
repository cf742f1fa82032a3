import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

/** One real HTTP answer: what was asked and what came back. */
export interface Exchange {
  method: string;
  /** The path as requested, without the query. */
  path: string;
  status: number;
  contentType: string;
  body: unknown;
}

interface Operation {
  responses?: Record<string, { content?: Record<string, unknown> }>;
}
export interface OpenApiLike {
  paths: Record<string, Record<string, Operation>>;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];
const pointer = (...parts: string[]) =>
  parts.map((part) => part.replaceAll('~', '~0').replaceAll('/', '~1')).join('/');

/**
 * Holds real answers against an OpenAPI 3.1 document: the route and status must be documented
 * with the answer's media type, and the body must validate against that response's schema (ajv,
 * JSON Schema 2020-12, the document's own $refs). Also lists a running app's routes the document
 * lacks, and documented operations no answer exercised.
 */
export class OpenApiChecker {
  private readonly ajv = new Ajv2020({ strict: false, allErrors: true });
  private readonly exercised = new Set<string>();

  constructor(private readonly document: OpenApiLike) {
    addFormats.default(this.ajv);
    this.ajv.addSchema(document, 'openapi');
  }

  /** Why `exchange` does not match the document; empty when it does. */
  problems(exchange: Exchange): string[] {
    const method = exchange.method.toLowerCase();
    const template = this.templateOf(exchange.path, method);
    const what = `${exchange.method} ${exchange.path} → ${exchange.status}`;
    if (!template) return [`${what}: no documented operation`];
    const responses = this.document.paths[template]![method]!.responses ?? {};
    const status = String(exchange.status);
    if (!responses[status]) return [`${what}: status not documented for ${template}`];
    const mediaType = exchange.contentType.split(';')[0]!.trim();
    const content = responses[status].content ?? {};
    // A redirect's body is a courtesy the document need not describe.
    const redirect = exchange.status >= 300 && exchange.status < 400;
    if (Object.keys(content).length === 0 && (exchange.body === undefined || redirect)) {
      this.exercised.add(`${method} ${template}`);
      return [];
    }
    if (!content[mediaType]) return [`${what}: media type ${mediaType} not documented`];
    const ref = `openapi#/${pointer('paths', template, method, 'responses', status, 'content', mediaType, 'schema')}`;
    if (!this.ajv.validate({ $ref: ref }, exchange.body)) {
      return [`${what}: ${this.ajv.errorsText(this.ajv.errors, { dataVar: 'body' })}`];
    }
    this.exercised.add(`${method} ${template}`);
    return [];
  }

  /** Routes (Nest style, `/v1/orders/:id`) that the document does not describe. */
  undocumented(routes: { method: string; path: string }[]): string[] {
    return routes
      .filter(({ method, path }) => {
        const template = path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
        return !this.document.paths[template]?.[method.toLowerCase()];
      })
      .map(({ method, path }) => `${method} ${path}`);
  }

  /** Documented operations no matching answer was checked for. */
  unexercised(): string[] {
    return Object.entries(this.document.paths).flatMap(([template, item]) =>
      METHODS.filter((method) => item[method] && !this.exercised.has(`${method} ${template}`)).map(
        (method) => `${method.toUpperCase()} ${template}`,
      ),
    );
  }

  /** The documented path template `path` falls under; a literal path wins over a templated one. */
  private templateOf(path: string, method: string): string | undefined {
    const candidates = Object.keys(this.document.paths).filter((template) => {
      if (!this.document.paths[template]![method]) return false;
      const pattern = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+');
      return new RegExp(`^${pattern}$`).test(path);
    });
    return candidates.sort((a, b) => a.split('{').length - b.split('{').length)[0];
  }
}

/** The routes Nest mapped, from an app's start-up log ("Mapped {/v1/orders/:id, GET} route"). */
export function mappedRoutes(output: string[]): { method: string; path: string }[] {
  return output.flatMap((line) => {
    const match = /Mapped \{([^,]+), ([A-Z]+)\} route/.exec(line);
    return match ? [{ path: match[1]!, method: match[2]! }] : [];
  });
}
