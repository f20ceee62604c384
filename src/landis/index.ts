/** Public surface of the Landis platform: catalog, Data producers, envelope, signature, delivery policy. */
export * from './abp-json';
export * from './landis-call-facts';
export * from './landis-catalog';
export * from './landis-catalog.types';
export * from './landis-data-validator';
export * from './landis-delivery-policy';
export * from './landis-envelope';
export * from './landis-ivr-cdr';
export * from './landis-queue-cdr';
export * from './landis-request';
export * from './landis-samples';
export * from './landis-signature';
export * from './landis-test-webhook';
export type * from './landis.types';
export * from './landis-event-sink';
