import type { LoggerService } from '@nestjs/common';
import { type DestinationStream, type Level, type Logger, pino } from 'pino';
import { ConfigurationError } from '@ledger/ledger';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** `LEDGER_LOG_LEVEL`: how much the server logs, `info` unless set. */
export function logLevelFrom(env: NodeJS.ProcessEnv): LogLevel {
  const raw = env.LEDGER_LOG_LEVEL?.trim().toLowerCase();
  if (!raw) return 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(raw)) throw new ConfigurationError(`LEDGER_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, not "${env.LEDGER_LOG_LEVEL}"`);
  return raw as LogLevel;
}

const REDACTED = '[redacted]';

/**
 * Secrets a message could carry in its text, whoever wrote it: a bearer token (`dl_` and 43 base64url
 * characters), an `Authorization` value, a password or token given as `name=value`. The request line
 * never holds them (it names the route, not the path), nor do the fields below (redacted by name); this
 * is for the free text of a message.
 */
const SECRETS_IN_TEXT: readonly [RegExp, string][] = [
  [/\bdl_[A-Za-z0-9_-]{8,}/g, `dl_${REDACTED}`],
  [/\b(Bearer|Basic)\s+[^\s"',;]+/gi, `$1 ${REDACTED}`],
  [/\b(password|passwd|secret|token|patronRef)(["']?\s*[:=]\s*["']?)[^\s"'&,;}]+/gi, `$1$2${REDACTED}`],
];

export function scrubSecrets(text: string): string {
  return SECRETS_IN_TEXT.reduce((scrubbed, [pattern, replacement]) => scrubbed.replace(pattern, replacement), text);
}

/** Fields no log line may show, wherever an object logged holds them. */
const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  'body',
  'req.body',
  '*.body',
  'password',
  '*.password',
  'token',
  '*.token',
  'patronRef',
  '*.patronRef',
  'patron.ref',
  '*.patron.ref',
];

/**
 * The server's one logger: JSON lines on stdout (pino), one object per line with `level` as its name,
 * `time` in ISO 8601 and the message in `msg`. Fields that could hold a secret are redacted by name,
 * and secrets in a message's text are masked (scrubSecrets).
 */
export function createLedgerLogger(options: { level: LogLevel; destination?: DestinationStream }): Logger {
  return pino(
    {
      level: options.level,
      base: { service: 'disclosure-ledger' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACTED_PATHS, censor: REDACTED },
      hooks: {
        logMethod(args, method) {
          method.apply(
            this,
            args.map((arg) => (typeof arg === 'string' ? scrubSecrets(arg) : arg)) as Parameters<typeof method>,
          );
        },
      },
    },
    options.destination ?? pino.destination({ dest: 1, sync: true }),
  );
}

/** Nest's own start-up chatter: a line per module, controller and route (about 150 of them), kept for `debug`. */
const NEST_START_UP = new Set(['NestFactory', 'InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestApplication']);

/**
 * Nest's logger interface over pino, so the framework's lines (and every `new Logger(context)`) are JSON
 * lines of the same logger, with `context` as a field. The framework's start-up lines go to `debug`, so
 * that a start prints at `info` the one line that matters (where to reach the server and where the admin
 * token is) and whatever needs the operator's attention.
 */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, ...optionalParams: unknown[]): void {
    const { context } = split(optionalParams);
    this.write(context && NEST_START_UP.has(context) ? 'debug' : 'info', message, optionalParams);
  }
  error(message: unknown, ...optionalParams: unknown[]): void {
    this.write('error', message, optionalParams);
  }
  warn(message: unknown, ...optionalParams: unknown[]): void {
    this.write('warn', message, optionalParams);
  }
  debug(message: unknown, ...optionalParams: unknown[]): void {
    this.write('debug', message, optionalParams);
  }
  verbose(message: unknown, ...optionalParams: unknown[]): void {
    this.write('trace', message, optionalParams);
  }
  fatal(message: unknown, ...optionalParams: unknown[]): void {
    this.write('fatal', message, optionalParams);
  }

  private write(level: Level, message: unknown, optionalParams: unknown[]): void {
    if (!this.logger.isLevelEnabled(level)) return;
    const { context, rest } = split(optionalParams);
    const fields: Record<string, unknown> = context ? { context } : {};
    // Nest's error(message, stack, context): the stack is the second argument.
    const stack = level === 'error' || level === 'fatal' ? rest.find((param): param is string => typeof param === 'string' && /\n\s+at /.test(param)) : undefined;
    if (stack) fields.stack = scrubSecrets(stack);
    if (message instanceof Error) {
      fields.err = { type: message.name, message: scrubSecrets(message.message), stack: scrubSecrets(message.stack ?? '') };
      this.logger[level](fields, message.message);
    } else if (typeof message === 'object' && message !== null) {
      this.logger[level]({ ...fields, ...(message) });
    } else {
      this.logger[level](fields, String(message));
    }
  }
}

/** Nest passes the context last (a string), after any stack or other parameters. */
function split(optionalParams: unknown[]): { context: string | undefined; rest: unknown[] } {
  const last = optionalParams[optionalParams.length - 1];
  return typeof last === 'string' && optionalParams.length > 0 && !/\n\s+at /.test(last) ? { context: last, rest: optionalParams.slice(0, -1) } : { context: undefined, rest: optionalParams };
}
