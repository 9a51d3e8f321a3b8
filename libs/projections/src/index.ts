export * from './runner/projection.js';
export * from './runner/projection-runner.js';
export * from './identity/identity-directory.projection.js';
export * from './support/cursor.js';
export * from './access-log/access-log.projection.js';
