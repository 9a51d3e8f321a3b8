import { Injectable, type NestMiddleware, PayloadTooLargeException } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

const LIMIT_BYTES = 64 * 1024;

/**
 * Parses `application/x-www-form-urlencoded` bodies for the web pages only (the API takes JSON alone).
 * A field given several times (checkboxes) becomes an array.
 */
@Injectable()
export class FormBodyMiddleware implements NestMiddleware {
  use(request: Request, _response: Response, next: NextFunction): void {
    if (!(request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded') || request.body !== undefined) {
      next();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > LIMIT_BYTES && !failed) {
        failed = true;
        next(new PayloadTooLargeException('The form is larger than the server accepts'));
        return;
      }
      if (!failed) chunks.push(chunk);
    });
    request.on('end', () => {
      if (failed) return;
      request.body = parseForm(Buffer.concat(chunks).toString('utf8'));
      next();
    });
    request.on('error', (error) => {
      if (!failed) next(error);
    });
  }
}

export function parseForm(text: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = Object.create(null) as Record<string, string | string[]>;
  for (const [key, value] of new URLSearchParams(text)) {
    const previous = out[key];
    out[key] = previous === undefined ? value : Array.isArray(previous) ? [...previous, value] : [previous, value];
  }
  return out;
}
