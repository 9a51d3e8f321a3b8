import type { NextFunction, Request, Response } from 'express';
import { FormBodyMiddleware } from './form-body.middleware.js';

/**
 * The pages load nothing but their own stylesheet and scripts: no inline script or style, no other
 * origin, no framing (clickjacking), forms post only here.
 */
export const WEB_CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'"],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  upgradeInsecureRequests: null,
};

const forms = new FormBodyMiddleware();

/** Form bodies for the web pages only: the API under `/v1` takes JSON and nothing else. */
export function webFormBodies(request: Request, response: Response, next: NextFunction): void {
  if (request.path.startsWith('/v1/') || request.method === 'GET' || request.method === 'HEAD') {
    next();
    return;
  }
  forms.use(request, response, next);
}
