/**
 * A command the simulation refuses, thrown synchronously so an API can answer 404 / 409 / 400
 * before anything is scheduled.
 */
export class SimulationCommandError extends Error {
  constructor(
    readonly code: 'not-found' | 'conflict' | 'invalid',
    message: string,
  ) {
    super(message);
  }
}

export const notFound = (what: string, ref: string): SimulationCommandError =>
  new SimulationCommandError('not-found', `Unknown ${what} ${JSON.stringify(ref)}`);
