import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsNumber, IsOptional, IsString, Matches, Max, Min, MinLength } from 'class-validator';

export const ROLES = ['all', 'api', 'worker'] as const;
export type Role = (typeof ROLES)[number];
export const LOG_LEVELS = ['error', 'warn', 'log', 'debug', 'verbose'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

const toInt = ({ value }: { value: unknown }) => (typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value);
const toNumber = ({ value }: { value: unknown }) => (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value)) ? Number(value) : value);
const toBool = ({ value }: { value: unknown }) => {
  if (typeof value !== 'string') return value;
  const v = value.trim().toLowerCase();
  if (['true', '1', 'yes'].includes(v)) return true;
  if (['false', '0', 'no', ''].includes(v)) return false;
  return value;
};

/**
 * Every environment variable the service reads, with its default. The README's configuration
 * table mirrors this class; `describeEnvironment()` prints it so the two cannot drift unnoticed.
 */
export class Environment {
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsString()
  @MinLength(1)
  HOST = '127.0.0.1';

  /** Where a ROLE=worker process serves /metrics (it has no admin API); `0` picks a free port. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  METRICS_PORT = 9464;

  @IsOptional()
  @Matches(/^postgres(ql)?:\/\//, { message: 'must be a postgres:// or postgresql:// URL' })
  DATABASE_URL?: string;

  @IsOptional()
  @Matches(/^rediss?:\/\//, { message: 'must be a redis:// or rediss:// URL' })
  REDIS_URL?: string;

  /** A Redis Cluster instead of REDIS_URL: some of its nodes as host:port, comma-separated. */
  @IsOptional()
  @Matches(/^\s*[A-Za-z0-9.-]+:\d{1,5}(\s*,\s*[A-Za-z0-9.-]+:\d{1,5})*\s*$/, { message: 'must be a comma-separated list of host:port' })
  REDIS_CLUSTER_NODES?: string;

  @Matches(/^[A-Za-z0-9:_-]+$/, { message: 'may hold only letters, digits, ":", "_" and "-"' })
  REDIS_PREFIX = 'enreach-emu';

  @IsIn(ROLES, { message: `must be one of: ${ROLES.join(', ')}` })
  ROLE: Role = 'all';

  @IsIn(LOG_LEVELS, { message: `must be one of: ${LOG_LEVELS.join(', ')}` })
  LOG_LEVEL: LogLevel = 'log';

  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'must be at least 16 characters when set' })
  ADMIN_API_KEY?: string;

  /** Without an API key the admin API is open, so it only binds to loopback unless this says otherwise. */
  @Transform(toBool)
  @IsBoolean({ message: 'must be true or false' })
  ALLOW_UNAUTHENTICATED_ADMIN = false;

  /** Without ADMIN_API_KEY, host names (besides localhost and IP addresses) the admin API answers to. */
  @IsOptional()
  @Matches(/^\s*[A-Za-z0-9.-]+(\s*,\s*[A-Za-z0-9.-]+)*\s*$/, { message: 'must be a comma-separated list of host names' })
  ADMIN_ALLOWED_HOSTS?: string;

  /** Endpoints (webhooks, SmartRouting) may name only these hosts: names, *.suffix, IP addresses or CIDR ranges. */
  @IsOptional()
  @Matches(/^\s*[A-Za-z0-9.*:/[\]-]+(\s*,\s*[A-Za-z0-9.*:/[\]-]+)*\s*$/, { message: 'must be a comma-separated list such as "*.example.com,10.0.0.0/8"' })
  ALLOWED_ENDPOINT_HOSTS?: string;

  /** Relaxes only the platform's "port 443" rule, for receivers on a developer machine. */
  @Transform(toBool)
  @IsBoolean({ message: 'must be true or false' })
  ALLOW_ANY_ENDPOINT_PORT = false;

  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(120000)
  DELIVERY_TIMEOUT_MS = 10000;

  @Matches(/^\s*\d+(ms|s|m|h)?(\s*,\s*\d+(ms|s|m|h)?)*\s*$/, {
    message: 'must be a comma-separated list of waits such as "10s,1m,5m" or "500ms,2s"',
  })
  RETRY_SCHEDULE = '10s,1m,5m';

  @Transform(toNumber)
  @IsNumber({}, { message: 'must be a number between 0 and 1' })
  @Min(0)
  @Max(1)
  RETRY_JITTER = 0.2;

  /** Divides every wait (retries, simulated durations); 1 is real time. */
  @Transform(toNumber)
  @IsNumber({}, { message: 'must be a number >= 1' })
  @Min(1)
  @Max(1000000)
  TIME_SCALE = 1;

  // Twice one webhook's cap: jobs beyond what can be in flight only wait in memory, and the longer
  // a job lives the more of it V8 promotes (npm run bench, one webhook draining 30,000: peak RSS
  // ~220 MB at 200, ~176 MB at 100, the same rate).
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10000)
  WORKER_CONCURRENCY = 100;

  /** A hung receiver holds at most this many of the worker's slots. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(10000)
  WEBHOOK_MAX_IN_FLIGHT = 50;

  /** How often unfinished deliveries without a job are looked for (after a Redis loss or a crash). */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(3600000)
  RECONCILE_INTERVAL_MS = 30000;

  /** Lock of a job in flight; a crashed worker's jobs run again this long after it died. */
  @Transform(toInt)
  @IsInt()
  @Min(500)
  @Max(600000)
  JOB_LOCK_MS = 30000;

  @Transform(toBool)
  @IsBoolean({ message: 'must be true or false' })
  DEMO_ORGANIZATION = true;

  /** The simulation's random seed: the same seed and commands give the same event stream. */
  @IsString()
  @MinLength(1)
  SIMULATION_SEED = 'enreach';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3650)
  RETENTION_DAYS = 7;

  @IsString()
  @MinLength(1)
  EMBEDDED_PG_DIR = '.data/postgres';
}
