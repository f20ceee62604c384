import type { RoutingRequestContext } from './routing-instructions';
import { buildRoutingRequest } from './routing-request';
import type { SmartRoutingCallConfig } from './smart-routing-call';

const context: RoutingRequestContext = {
  queueId: 'queue-1',
  callId: 'call-1',
  legId: 'leg-1',
  callerNumber: '+358501231234',
  targetNumber: '+4612312345',
  currentUserId: null,
  isInternalCaller: false,
};
const base: SmartRoutingCallConfig = {
  endpoint: 'https://example.com/route',
  insecureSsl: false,
  auth: { type: 'none' },
  sendExtraData: false,
};

describe('buildRoutingRequest', () => {
  it('builds the documented body, with the configured target id', () => {
    const req = buildRoutingRequest({ ...base, targetId: 'SALES_QUEUE' }, context);
    expect(req.bodyText).toBe('{"anum":"+358501231234","bnum":"+4612312345","targetid":"SALES_QUEUE"}');
    expect(req.headers).toEqual({ 'Content-Type': 'application/json' });
    expect(req.maskedHeaders).toEqual({ 'Content-Type': 'application/json' });
    expect(req.secrets).toEqual([]);
  });

  it('sends the queue id as targetid when none is configured', () => {
    expect(buildRoutingRequest({ ...base, targetId: null }, context).body.targetid).toBe('queue-1');
  });

  it('adds extradata, prefixing dynamic values with DYN_ where the name lacks it', () => {
    const req = buildRoutingRequest({ ...base, sendExtraData: true, dynamicValues: { DYN_A: '1', B: '2', CallId: 'x' } }, context);
    expect(req.body.extradata).toEqual({
      CallId: 'call-1',
      LegId: 'leg-1',
      CurrQueueId: 'queue-1',
      CurrUserId: '', // as the platform's documented example
      IsInternalCaller: false,
      DYN_A: '1',
      DYN_B: '2',
      DYN_CallId: 'x',
    });
  });

  it('puts the API key on the wire and masks it for the record', () => {
    const req = buildRoutingRequest({ ...base, auth: { type: 'apiKey', apiKey: '1234' } }, context);
    expect(req.headers['X-Benemen-APIKey']).toBe('1234');
    expect(req.maskedHeaders['X-Benemen-APIKey']).toBe('***');
    expect(req.secrets).toEqual(['1234']);
  });

  it('sends Basic as base64(username:password) in UTF-8 and masks both the token and the password', () => {
    const req = buildRoutingRequest({ ...base, auth: { type: 'basic', username: 'user', password: 'pässwörd' } }, context);
    expect(req.headers.Authorization).toBe('Basic dXNlcjpww6Rzc3fDtnJk');
    expect(req.maskedHeaders.Authorization).toBe('Basic ***');
    expect(req.secrets).toEqual(['pässwörd', 'dXNlcjpww6Rzc3fDtnJk']);
    expect(JSON.stringify(req.maskedHeaders)).not.toMatch(/pässwörd|dXNlcjpww6Rzc3fDtnJk/);
  });
});
