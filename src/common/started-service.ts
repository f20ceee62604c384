/** A service the process started itself (embedded PostgreSQL, a local redis-server), stopped on exit. */
export interface StartedService {
  url: string;
  stop(): Promise<void>;
}
