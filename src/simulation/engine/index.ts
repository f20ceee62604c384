/** Public surface of the simulation engine (pure TypeScript: no Nest, database or Redis). */
export { VirtualClock, DEFAULT_SIMULATION_START, VIRTUAL_TIME_END_MS } from './virtual-clock';
export { Scheduler, type SimulationClock, type Task, type TaskHandle, type SchedulerOptions } from './scheduler';
export * from './organization-data';
export { OrganizationModel, OrganizationModelError, type SimUser, type SimQueue, type SimCallList, type UserActivity } from './organization-model';
export { type CallScript } from './call-script';
export { CALLBACK_ATTEMPT_RESULTS, type CallbackAttemptResult, type CreateCallbackInput } from './callback.flow';
export { CALLBACK_LIST_STATUS_INTERVAL_MS } from './callback-list-status';
export { SimulationCommandError } from './simulation-errors';
export { Simulation } from './simulation';
export type { SimulationOptions, PlacedCall, AvailabilityOptions, CallInfo, UserRuntimeInfo } from './simulation.types';
export type { CallKind, CallPhase, CallSide } from './sim-call';
