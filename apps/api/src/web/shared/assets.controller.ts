import { Controller, Get, NotFoundException, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PublicPage, WebPages } from './web-page.decorator.js';
import { packageRoot, WEB_ROOT } from './web-root.js';

/** The only files the pages load: our CSS and script, and htmx from node_modules (no CDN: it works offline). */
const ASSETS: Record<string, { file: string; type: string }> = {
  'app.css': { file: join(WEB_ROOT, 'assets', 'app.css'), type: 'text/css; charset=utf-8' },
  'app.js': { file: join(WEB_ROOT, 'assets', 'app.js'), type: 'text/javascript; charset=utf-8' },
  'htmx.min.js': { file: join(packageRoot(), 'node_modules', 'htmx.org', 'dist', 'htmx.min.js'), type: 'text/javascript; charset=utf-8' },
  // Passkeys: @simplewebauthn/browser's UMD build (global SimpleWebAuthnBrowser) and the script that uses it.
  'simplewebauthn-browser.js': { file: join(packageRoot(), 'node_modules', '@simplewebauthn', 'browser', 'dist', 'bundle', 'index.umd.min.js'), type: 'text/javascript; charset=utf-8' },
  'passkeys.js': { file: join(WEB_ROOT, 'assets', 'passkeys.js'), type: 'text/javascript; charset=utf-8' },
};

@WebPages()
@Controller('assets')
export class AssetsController {
  private readonly cache = new Map<string, Buffer>();

  @Get(':name')
  @PublicPage()
  asset(@Param('name') name: string, @Res() response: Response): void {
    const asset = Object.hasOwn(ASSETS, name) ? ASSETS[name] : undefined;
    if (!asset) throw new NotFoundException();
    let body = this.cache.get(name);
    if (!body) {
      body = readFileSync(asset.file);
      this.cache.set(name, body);
    }
    response.status(200).type(asset.type).setHeader('Cache-Control', 'public, max-age=3600').send(body);
  }
}
