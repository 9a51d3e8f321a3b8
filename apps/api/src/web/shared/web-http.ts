import { BadRequestException } from '@nestjs/common';
import type { Request, RequestHandler } from 'express';
import multer from 'multer';
import { uploadLimits } from '../../cases/attachments/upload-limits.js';
import { caseAction } from '../../cases/case-commands.table.js';
import type { UploadedDocument } from '../../cases/case-commands.service.js';
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

/** A case form's multipart body as multer left it: the document in `file`; `uploadTooLarge` when it was over the command's limit. */
export type UploadingRequest = Request & { file?: { readonly buffer: Buffer; readonly originalname: string; readonly mimetype: string }; uploadTooLarge?: boolean };

const CASE_FORM = /^\/cases\/[^/]+\/actions\/([^/]+)$/;

/**
 * Form bodies for the web pages only: the API under `/v1` takes JSON (and its own multipart routes) alone.
 * A case form whose command carries a document is parsed here, before the session guard, so the guard
 * finds the form's `_csrf` field as it does in any other form; but only for a request whose cookie names a
 * live session (`signedIn`): nobody else makes the server hold a document of up to the command's limit.
 * Without one the body is left unread, and the guard sends the browser to sign in.
 */
export function webFormBodies(signedIn: (request: Request) => boolean): RequestHandler {
  return (request, response, next) => {
    if (request.path.startsWith('/v1/') || request.method === 'GET' || request.method === 'HEAD') {
      next();
      return;
    }
    const action = CASE_FORM.exec(request.path)?.[1];
    const upload = action === undefined ? undefined : caseAction(action)?.upload;
    if (upload && request.is('multipart/form-data')) {
      if (!signedIn(request)) {
        next();
        return;
      }
      multer({ storage: multer.memoryStorage(), limits: uploadLimits(upload.maxBytes) }).single('file')(request, response, (error?: unknown) => {
        // Too large: the fields before the file (the CSRF token first) are read, and the form says so at the field.
        if (error instanceof multer.MulterError && error.code === 'LIMIT_FILE_SIZE') (request as UploadingRequest).uploadTooLarge = true;
        else if (error) return next(error instanceof multer.MulterError ? new BadRequestException('The form could not be read: send it again from the page') : error);
        next();
      });
      return;
    }
    forms.use(request, response, next);
  };
}

/** The document a case form carried, or what to tell its user at the field (GOV.UK's file upload wording). */
export function uploadedDocument(request: UploadingRequest, maxBytes: number): { readonly document: UploadedDocument } | { readonly problem: string; readonly status: 400 | 413 } {
  if (request.uploadTooLarge) return { problem: `The selected file must be smaller than ${Math.floor(maxBytes / (1024 * 1024))} MB`, status: 413 };
  const file = request.file;
  if (!file || file.buffer.length === 0) return { problem: 'Select the scanned document', status: 400 };
  return { document: { bytes: file.buffer, filename: file.originalname, mediaType: file.mimetype } };
}
