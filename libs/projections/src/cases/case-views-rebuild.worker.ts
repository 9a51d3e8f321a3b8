/**
 * Worker thread of a rebuild: folds the case views (`serveFoldingRebuild`) while the runner's thread
 * writes. Runs only compiled (dist/); under jest the runner folds in its own thread instead.
 */
import { serveFoldingRebuild } from '../runner/folding-worker.js';
import { type CaseViewsOptions, createCaseViewsProjection } from './case-views.projection.js';

serveFoldingRebuild((options) => createCaseViewsProjection(options as CaseViewsOptions));
