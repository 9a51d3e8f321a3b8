import { Writable } from 'node:stream';
import { createLedgerLogger, logLevelFrom, PinoNestLogger, scrubSecrets } from './ledger-logger.js';

/** A logger writing into an array of parsed lines. */
function capture(level: 'info' | 'debug' = 'info') {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { lines, logger: createLedgerLogger({ level, destination }) };
}

describe('the ledger logger', () => {
  const token = `dl_${'A1b2C3d4'.repeat(5)}xyz`;

  it('masks a bearer token, an Authorization value and a password or patron reference given as name=value in a message', () => {
    expect(scrubSecrets(`token ${token} refused`)).toBe('token dl_[redacted] refused');
    expect(scrubSecrets('Authorization: Bearer abc.def-ghi')).toBe('Authorization: Bearer [redacted]');
    expect(scrubSecrets('password=hunter2 and patronRef: "5550123"')).toBe('password=[redacted] and patronRef: "[redacted]"');
    expect(scrubSecrets('GET /v1/cases/:caseId 200')).toBe('GET /v1/cases/:caseId 200');
  });

  it('writes JSON lines with the level by name and redacts secret fields of an object logged through Nest', () => {
    const { lines, logger } = capture();
    const nest = new PinoNestLogger(logger);
    nest.log({ msg: 'seen', patronRef: 'P-5550123', body: { ref: 'x' }, headers: { authorization: `Bearer ${token}` } }, 'Cases');
    nest.warn(`Refused ${token}`, 'Auth');
    expect(lines).toEqual([
      expect.objectContaining({ level: 'info', context: 'Cases', msg: 'seen', patronRef: '[redacted]', body: '[redacted]', headers: { authorization: '[redacted]' } }),
      expect.objectContaining({ level: 'warn', context: 'Auth', msg: 'Refused dl_[redacted]' }),
    ]);
    expect(JSON.stringify(lines)).not.toContain(token.slice(3, 20));
  });

  it('keeps Nest\'s start-up lines for debug, and an error\'s stack as a field', () => {
    const quiet = capture('info');
    new PinoNestLogger(quiet.logger).log('Mapped {/v1/cases, POST} route', 'RouterExplorer');
    expect(quiet.lines).toEqual([]);
    const verbose = capture('debug');
    const nest = new PinoNestLogger(verbose.logger);
    nest.log('Mapped {/v1/cases, POST} route', 'RouterExplorer');
    nest.error('It broke', 'Error: It broke\n    at somewhere (file.js:1:1)', 'HTTP');
    expect(verbose.lines).toEqual([
      expect.objectContaining({ level: 'debug', context: 'RouterExplorer' }),
      expect.objectContaining({ level: 'error', context: 'HTTP', msg: 'It broke', stack: expect.stringContaining('at somewhere') }),
    ]);
  });

  it('reads LEDGER_LOG_LEVEL, info by default, and refuses a level it does not know', () => {
    expect(logLevelFrom({})).toBe('info');
    expect(logLevelFrom({ LEDGER_LOG_LEVEL: 'DEBUG' })).toBe('debug');
    expect(() => logLevelFrom({ LEDGER_LOG_LEVEL: 'loud' })).toThrow(/LEDGER_LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent/);
  });
});
