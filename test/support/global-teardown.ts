export default async function globalTeardown(): Promise<void> {
  for (const service of (globalThis.__emulatorTestServices ?? []).reverse()) await service.stop();
}
