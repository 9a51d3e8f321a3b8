// multer ships no types (it comes with @nestjs/platform-express): the little the case page's upload form uses.
declare module 'multer' {
  import type { RequestHandler } from 'express';

  interface StorageEngine {
    _handleFile(...args: unknown[]): void;
  }
  interface Multer {
    single(fieldName: string): RequestHandler;
  }
  interface MulterFactory {
    (options: { storage: StorageEngine; limits: { fileSize: number; files: number; fields: number; parts: number } }): Multer;
    memoryStorage(): StorageEngine;
    MulterError: new (code: string, field?: string) => Error & { readonly code: string; readonly field?: string };
  }
  const multer: MulterFactory;
  export default multer;
}
