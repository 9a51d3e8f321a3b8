export * from './shared/decider.js';
export * from './shared/errors.js';
export * from './identity/user.events.js';
export * from './identity/user.decider.js';
