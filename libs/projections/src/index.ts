export * from './runner/projection.js';
export * from './runner/projection-runner.js';
export * from './identity/identity-directory.projection.js';
