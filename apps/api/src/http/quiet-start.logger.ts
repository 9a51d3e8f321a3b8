import { ConsoleLogger } from '@nestjs/common';

/** Nest's own start-up chatter: a line per module, controller and route (about 150 of them). */
const NEST_START_UP = new Set(['NestFactory', 'InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestApplication']);

/**
 * The server's console logger: Nest's, without the framework's start-up lines, so that a start prints
 * the one line that matters (where to reach the server and where the admin token is) and whatever
 * needs the operator's attention. Warnings and errors from any context pass.
 */
export class QuietStartLogger extends ConsoleLogger {
  override log(message: unknown, ...optionalParams: unknown[]): void {
    const context = optionalParams.length > 0 ? optionalParams[optionalParams.length - 1] : this.context;
    if (typeof context === 'string' && NEST_START_UP.has(context)) return;
    super.log(message, ...optionalParams);
  }
}
