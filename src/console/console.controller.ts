import { Controller, Get, NotFoundException, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { join } from 'node:path';
import { Public } from '../auth/public.decorator';
import { PUBLIC_DIR, publicFiles, VENDOR_FILES } from './console-assets';

/**
 * The web console: a static page and its scripts, open without the admin key (they hold no data;
 * the page asks for the key once and sends it with every API call).
 */
@ApiExcludeController()
@Public()
@Controller()
export class ConsoleController {
  private readonly files = publicFiles();

  @Get()
  index(@Res() res: Response): void {
    res.sendFile(join(PUBLIC_DIR, 'index.html'), { headers: { 'Cache-Control': 'no-cache' } });
  }

  @Get('console/vendor/:file')
  vendor(@Param('file') file: string, @Res() res: Response): void {
    const path = VENDOR_FILES[file];
    if (!path) throw new NotFoundException(`No console library ${file}`);
    res.sendFile(path, { headers: { 'Content-Type': file.endsWith('.css') ? 'text/css' : 'text/javascript', 'Cache-Control': 'max-age=3600' } });
  }

  @Get('console/:file')
  asset(@Param('file') file: string, @Res() res: Response): void {
    if (!this.files.has(file)) throw new NotFoundException(`No console file ${file}`);
    res.sendFile(join(PUBLIC_DIR, file), { headers: { 'Cache-Control': 'no-cache' } });
  }
}
