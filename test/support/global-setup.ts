import type { StartedService } from '../../src/common/started-service';
import { ensureServices } from './services';

declare global {
  var __emulatorTestServices: StartedService[] | undefined;
}

/** `npm test` works with the services on 127.0.0.1, or starts embedded ones (see ensureServices). */
export default async function globalSetup(): Promise<void> {
  globalThis.__emulatorTestServices = await ensureServices();
}
