import type { SeededRandom } from '../common/seeded-random';
import { dotNetTimestampToDate, formatDotNetTimestamp } from './dotnet-timestamp';

/**
 * The people, numbers and ids one sample event is about. Drawn once per event so related
 * properties agree (the allocated user is the connected user, CallerNumber is the same caller).
 */

export interface SampleContext {
  organizationId?: string;
  userId?: string;
  userName?: string;
  userNumber?: string;
  queueId?: string;
  queueName?: string;
  queueNumber?: string;
  callListId?: string;
  callId?: string;
  legId?: string;
  callerNumber?: string;
  targetNumber?: string;
  /** "Now" for DateTime values; defaults to the seed's sample time so output is reproducible. */
  now?: Date | string;
}

export interface SamplePerson {
  id: string;
  userName: string;
  number: string;
}

export interface SampleWorld {
  organizationId: string;
  user: SamplePerson;
  queue: { id: string; name: string; number: string };
  techQueue: { id: string; name: string };
  callListId: string;
  call: { id: string; legId: string; agentLegId: string; callerNumber: string };
  targetNumber?: string;
  /** Formats `now` shifted by the given seconds, as the platform writes DateTime. */
  at(offsetSeconds: number): string;
  /** A different user from the same organisation. */
  otherPerson(): SamplePerson;
}

const FIRST_NAMES = ['anna', 'mikko', 'laura', 'jukka', 'sanna', 'timo', 'elina', 'antti', 'henna', 'ville', 'aino', 'juha'];
const LAST_NAMES = ['virtanen', 'korhonen', 'makinen', 'nieminen', 'hamalainen', 'laine', 'heikkinen', 'koskinen', 'jarvinen', 'lehtonen'];
const QUEUE_NAMES = ['Customer Service', 'Asiakaspalvelu', 'Sales', 'Myynti', 'Technical Support', 'Laskutus', 'Switchboard'];

/** The seed's own sample time (2018-01-01T08:01:23.45). */
export const DEFAULT_SAMPLE_NOW = '2018-01-01T08:01:23.45Z';

const digits = (rng: SeededRandom, count: number): string => {
  let out = '';
  for (let i = 0; i < count; i++) out += rng.int(0, 9);
  return out;
};

/** Finnish mobile number in E.164 (+358 40/41/44/45/50 + 7 digits). */
export function finnishMobile(rng: SeededRandom): string {
  return `+358${rng.pick(['40', '41', '44', '45', '50'])}${digits(rng, 7)}`;
}

/** Finnish national service number in E.164 (+358 10 / 20 / 30 + 7 digits), like the seed's +358101231234. */
export function finnishServiceNumber(rng: SeededRandom): string {
  return `+358${rng.pick(['10', '20', '30'])}${digits(rng, 7)}`;
}

export function samplePerson(rng: SeededRandom): SamplePerson {
  return { id: rng.uuid(), userName: `${rng.pick(FIRST_NAMES)}.${rng.pick(LAST_NAMES)}@example.com`, number: finnishMobile(rng) };
}

export function createSampleWorld(rng: SeededRandom, context: SampleContext = {}): SampleWorld {
  const now = dotNetTimestampToDate(context.now ?? DEFAULT_SAMPLE_NOW);
  const drawn = samplePerson(rng);
  const queueName = context.queueName ?? rng.pick(QUEUE_NAMES);
  return {
    organizationId: context.organizationId ?? rng.uuid(),
    user: { id: context.userId ?? drawn.id, userName: context.userName ?? drawn.userName, number: context.userNumber ?? drawn.number },
    queue: { id: context.queueId ?? rng.uuid(), name: queueName, number: context.queueNumber ?? finnishServiceNumber(rng) },
    techQueue: { id: rng.uuid(), name: `${queueName} IVR` },
    callListId: context.callListId ?? rng.uuid(),
    call: {
      id: context.callId ?? rng.uuid(),
      legId: context.legId ?? rng.uuid(),
      agentLegId: rng.uuid(),
      callerNumber: context.callerNumber ?? finnishMobile(rng),
    },
    targetNumber: context.targetNumber,
    at: (offsetSeconds) => formatDotNetTimestamp(new Date(now.getTime() + Math.round(offsetSeconds * 1000))),
    otherPerson: () => samplePerson(rng),
  };
}
