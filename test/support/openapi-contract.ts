import { Ajv, type ValidateFunction } from 'ajv';
import ajvFormats from 'ajv-formats';

// ajv-formats is CommonJS: under native ESM its plugin is the module's `default`.
const addFormats = ajvFormats.default;

/** The parts of an OpenAPI 3.0 document this check reads. */
export interface OpenApiDocument {
  readonly paths: Record<string, Record<string, { operationId?: string; responses?: Record<string, { content?: Record<string, { schema?: unknown }> }>; [WILDCARD_PARAMETER]?: string }>>;
  readonly components?: { schemas?: Record<string, unknown> };
}

/** One answer the API gave, as a test client received it. */
export interface ReceivedAnswer {
  readonly method: string;
  /** The request's path, query string allowed. */
  readonly path: string;
  readonly status: number;
  readonly contentType: string | undefined;
  readonly body: unknown;
}

interface Route {
  readonly template: string;
  readonly pattern: RegExp;
  /** Literal segments first: `/v1/cases/search` is not `/v1/cases/{caseId}`. */
  readonly literalSegments: number;
}

/** An operation's path parameter that spans several segments (`x-wildcard-parameter: path`: C2SP tile paths such as `x001/x234/067.p/8`). */
const WILDCARD_PARAMETER = 'x-wildcard-parameter';

const JSON_MEDIA_TYPE = /^application\/(?:[\w.-]+\+)?json$/i;

/**
 * The OpenAPI document as a check of real answers: each JSON answer must be one its operation declares
 * (the operation found from the method and path, the status declared, the media type declared for that
 * status) and its body must match the schema declared there. Schemas are compiled by ajv the first time
 * an operation answers with a status, and kept: a worker compiles each once.
 */
export class OpenApiContract {
  private readonly ajv: Ajv;
  private readonly routes: Route[];
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(private readonly document: OpenApiDocument) {
    // OpenAPI 3.0's schema dialect: `nullable` is ajv's own option; `example` and the like annotate only.
    this.ajv = new Ajv({ allErrors: true, strict: false, logger: false });
    addFormats(this.ajv);
    this.ajv.addFormat('binary', true);
    this.ajv.addSchema(document, 'openapi');
    this.routes = Object.keys(document.paths)
      .map((template) => ({
        template,
        pattern: patternOf(template, new Set(Object.values(document.paths[template]).map((operation) => operation[WILDCARD_PARAMETER]))),
        literalSegments: template.split('/').filter((segment) => segment && !segment.startsWith('{')).length,
      }))
      .sort((a, b) => b.literalSegments - a.literalSegments);
  }

  /** Why the answer breaks the contract, or null when it keeps it. Answers that are not JSON are not read. */
  violation(answer: ReceivedAnswer): string | null {
    const mediaType = (answer.contentType ?? '').split(';')[0].trim().toLowerCase();
    if (!JSON_MEDIA_TYPE.test(mediaType)) return null;
    const path = answer.path.split('?')[0];
    const method = answer.method.toLowerCase();
    const route = this.routes.find((candidate) => candidate.pattern.test(path) && this.document.paths[candidate.template][method]);
    const what = `${answer.method.toUpperCase()} ${path} answered ${answer.status} ${mediaType}`;
    if (!route) {
      // No route: the server's own 404, or its 400 to a path it refuses before routing, is a problem like any other.
      if (answer.status === 404 || answer.status === 400) return this.check(what, '#/components/schemas/ProblemDetailsDto', answer.body);
      if (this.routes.some((candidate) => candidate.pattern.test(path))) return `${what}: no operation for ${answer.method.toUpperCase()} on this path`;
      // The pages (outside /v1) are left out of the API's contract on purpose.
      return path.startsWith('/v1/') ? `${what}: no operation in the OpenAPI document for ${answer.method.toUpperCase()} ${path}` : null;
    }
    const operation = this.document.paths[route.template][method];
    const responses = operation.responses ?? {};
    const declared = responses[String(answer.status)] ?? responses[`${String(answer.status)[0]}XX`] ?? responses.default;
    const where = `${answer.method.toUpperCase()} ${route.template} (${operation.operationId ?? 'no operationId'})`;
    if (!declared) return `${what}: ${where} declares no ${answer.status} answer (it declares ${Object.keys(responses).join(', ')})`;
    const content = declared.content ?? {};
    const declaredType = Object.keys(content).find((type) => type.toLowerCase() === mediaType);
    if (!declaredType) return `${what}: ${where} declares ${answer.status} as ${Object.keys(content).join(', ') || 'no content'}`;
    const pointer = ['#', 'paths', route.template, method, 'responses', String(answer.status) in responses ? String(answer.status) : Object.keys(responses).find((key) => responses[key] === declared)!, 'content', declaredType, 'schema']
      .map((part, index) => (index === 0 ? part : part.replace(/~/g, '~0').replace(/\//g, '~1')))
      .join('/');
    if (content[declaredType].schema === undefined) return null;
    return this.check(`${what} for ${where}`, pointer, answer.body);
  }

  private check(what: string, pointer: string, body: unknown): string | null {
    let validate = this.validators.get(pointer);
    if (!validate) {
      validate = this.ajv.compile({ $ref: `openapi${pointer}` });
      this.validators.set(pointer, validate);
    }
    if (validate(body)) return null;
    const errors = (validate.errors ?? []).map(
      (error) =>
        `  ${error.instancePath || '(body)'} ${error.message}${error.params && 'allowedValues' in error.params ? ` ${JSON.stringify(error.params.allowedValues)}` : ''} (is ${JSON.stringify(valueAt(body, error.instancePath))?.slice(0, 200)})`,
    );
    return `${what} does not match its schema (${pointer}):\n${errors.join('\n')}\nbody: ${JSON.stringify(body).slice(0, 2000)}`;
  }
}

/** The value a JSON pointer names in a body. */
function valueAt(body: unknown, pointer: string): unknown {
  return pointer
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((value, key) => (value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined), body);
}

/** One contract per distinct document (its `servers` aside, which vary with LEDGER_PUBLIC_URL): compiled once per worker. */
const contracts = new Map<string, OpenApiContract>();

export function contractOf(document: OpenApiDocument & { servers?: unknown }): OpenApiContract {
  const { servers: _servers, ...rest } = document;
  const key = JSON.stringify(rest);
  let contract = contracts.get(key);
  if (!contract) {
    contract = new OpenApiContract(document);
    contracts.set(key, contract);
  }
  return contract;
}

/** The paths a template matches: a parameter is one segment, a wildcard one (see WILDCARD_PARAMETER) one or more. */
function patternOf(template: string, wildcards: ReadonlySet<string | undefined>): RegExp {
  const parts = template.split(/(\{[^}]+\})/).map((part) => {
    const parameter = /^\{([^}]+)\}$/.exec(part)?.[1];
    if (parameter === undefined) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return wildcards.has(parameter) ? '.+' : '[^/]+';
  });
  return new RegExp(`^${parts.join('')}$`);
}
