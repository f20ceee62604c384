/** Public surface of the catalog: the 34 event types as data, payload building, validation, samples. */
export * from './catalog.types';
export * from './dotnet-timestamp';
export * from './enums';
export * from './event-catalog';
export * from './payload-builder';
export * from './payload-validator';
export * from './payload.types';
export * from './sample-values';
export { createSampleWorld, type SampleWorld } from './sample-world';
