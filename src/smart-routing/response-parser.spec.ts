import { parseCustomMsi, parseCustomTts, parseRoutingResponse, type RoutingResponse } from './response-parser';

const JSON_TYPE = 'application/json; charset=utf-8';

/** A 200 JSON answer with the given body text. */
const ok = (bodyText: string, contentType: string | null = JSON_TYPE): RoutingResponse => ({ status: 200, contentType, bodyText });
const parse200 = (body: unknown) => parseRoutingResponse(ok(JSON.stringify(body)));

describe('parseRoutingResponse: the example responses of the SmartRouting document', () => {
  it('routes to a specific target number', () => {
    expect(parseRoutingResponse(ok('{\n  "InitialTarget": "+358123456789"\n}', 'application/json'))).toEqual({
      outcome: 'applied',
      instructions: { InitialTarget: '+358123456789' },
      ignored: [],
    });
  });

  it('plays a text-to-speech message and routes the call', () => {
    expect(parse200({ InitialTarget: 'cd1258fb-0aae-4159-ba9e-41c57c69c398', CustomTTS: '[en-GB] Greetings caller. [fi-FI] Tervehdys soittaja' })).toEqual({
      outcome: 'applied',
      instructions: { InitialTarget: 'cd1258fb-0aae-4159-ba9e-41c57c69c398', CustomTTS: '[en-GB] Greetings caller. [fi-FI] Tervehdys soittaja' },
      ignored: [],
    });
  });

  it('plays a text-to-speech message and disconnects', () => {
    expect(parse200({ InitialTarget: 'DISCONNECT:', CustomTTS: 'This call will be disconnected, sorry about that' })).toEqual({
      outcome: 'applied',
      instructions: { InitialTarget: 'DISCONNECT:', CustomTTS: 'This call will be disconnected, sorry about that' },
      ignored: [],
    });
  });

  it('requires an agent (the document writes it without spaces)', () => {
    expect(parseRoutingResponse(ok('{\n  "InitialTarget":"+358123456789",\n  "RequiredTarget":"agent1@customer.com"\n}'))).toEqual({
      outcome: 'applied',
      instructions: { InitialTarget: '+358123456789', RequiredTarget: 'agent1@customer.com' },
      ignored: [],
    });
  });

  it('prefers agents', () => {
    expect(parse200({ InitialTarget: '+358123456789', AllocationTargets: ['agent1@customer.com', 'agent2@customer.com'] })).toEqual({
      outcome: 'applied',
      instructions: { InitialTarget: '+358123456789', AllocationTargets: ['agent1@customer.com', 'agent2@customer.com'] },
      ignored: [],
    });
  });

  it('overrides the priority', () => {
    expect(parse200({ Priority: 10000 })).toEqual({ outcome: 'applied', instructions: { Priority: 10000 }, ignored: [] });
  });

  it('adds extra priority', () => {
    expect(parse200({ ExtraPriority: 100 })).toEqual({ outcome: 'applied', instructions: { ExtraPriority: 100 }, ignored: [] });
  });
});

describe('parseRoutingResponse: what is set and what is not', () => {
  it('keeps every property when all are set, including the range limits', () => {
    const all = {
      InitialTarget: 'SALES_QUEUE',
      FailTarget: '+358100100',
      RequiredTarget: 'agent1@customer.com',
      AllocationTargets: ['agent2@customer.com'],
      Priority: 0,
      ExtraPriority: -10000,
      CustomTTS: 'Hello',
      CustomMSI: 'VIP,3600,charge,true',
    };
    expect(parse200(all)).toEqual({ outcome: 'applied', instructions: all, ignored: [] });
  });

  it('treats null, empty and blank strings and an empty list as not set', () => {
    expect(
      parse200({
        InitialTarget: null,
        FailTarget: '',
        RequiredTarget: '   ',
        AllocationTargets: [],
        Priority: null,
        ExtraPriority: '',
        CustomTTS: null,
        CustomMSI: '',
      }),
    ).toEqual({ outcome: 'applied', instructions: {}, ignored: [] });
  });

  it('applies an empty object as "nothing to change"', () => {
    expect(parse200({})).toEqual({ outcome: 'applied', instructions: {}, ignored: [] });
  });

  it('ignores an unknown property and notes it, exact spelling included', () => {
    expect(parse200({ InitialTarget: 'Q1', Foo: 1, priority: 5 })).toEqual({
      outcome: 'applied',
      instructions: { InitialTarget: 'Q1' },
      ignored: ['Foo', 'priority'],
    });
  });

  it('accepts a UTF-8 byte order mark and a content type in upper case', () => {
    expect(parseRoutingResponse(ok('\uFEFF{"Priority":5}', 'Application/JSON'))).toMatchObject({ outcome: 'applied', instructions: { Priority: 5 } });
  });

  it('accepts a CustomMSI with two fields', () => {
    expect(parse200({ CustomMSI: 'VIP,3600' })).toMatchObject({ outcome: 'applied', instructions: { CustomMSI: 'VIP,3600' } });
  });
});

describe('parseRoutingResponse: default routing', () => {
  it('routes by default on 204, whatever the body', () => {
    expect(parseRoutingResponse({ status: 204, contentType: null, bodyText: '' })).toEqual({ outcome: 'default-204' });
  });

  it.each([500, 404, 201, 302, 400, 503])('routes by default on HTTP %i and says so', (status) => {
    expect(parseRoutingResponse({ status, contentType: JSON_TYPE, bodyText: '{"InitialTarget":"Q1"}' })).toEqual({
      outcome: 'default-error',
      reason: `HTTP ${status}`,
    });
  });

  it.each<[string, RoutingResponse, string | RegExp]>([
    ['invalid JSON', ok('{"InitialTarget": '), /^body is not valid JSON: /],
    ['an empty body', ok(''), 'body is empty: a 200 must carry a JSON object'],
    ['text/plain', ok('{"Priority":5}', 'text/plain'), 'Content-Type "text/plain" is not application/json'],
    ['no content type', ok('{"Priority":5}', null), 'no Content-Type header: it must be application/json'],
    ['a +json type', ok('{"Priority":5}', 'application/problem+json'), 'Content-Type "application/problem+json" is not application/json'],
    ['an array body', ok('[{"Priority":5}]'), 'body must be a JSON object, got a list'],
    ['a string body', ok('"DISCONNECT:"'), 'body must be a JSON object, got a string "DISCONNECT:"'],
    ['a null body', ok('null'), 'body must be a JSON object, got null'],
    ['Priority 20000', ok('{"Priority":20000}'), 'Priority 20000 is out of range 0..10000'],
    ['Priority -1', ok('{"Priority":-1}'), 'Priority -1 is out of range 0..10000'],
    ['ExtraPriority -20000', ok('{"ExtraPriority":-20000}'), 'ExtraPriority -20000 is out of range -10000..10000'],
    ['ExtraPriority 10001', ok('{"ExtraPriority":10001}'), 'ExtraPriority 10001 is out of range -10000..10000'],
    ['Priority 1.5', ok('{"Priority":1.5}'), 'Priority 1.5 is not an integer'],
    ['Priority as a string', ok('{"Priority":"100"}'), 'Priority must be an integer 0..10000, got a string "100"'],
    ['ExtraPriority as a boolean', ok('{"ExtraPriority":true}'), 'ExtraPriority must be an integer -10000..10000, got the boolean true'],
    [
      'AllocationTargets not a list',
      ok('{"AllocationTargets":"agent1@customer.com"}'),
      'AllocationTargets must be a list of strings, got a string "agent1@customer.com"',
    ],
    ['AllocationTargets with a number', ok('{"AllocationTargets":["a@x.com",7]}'), 'AllocationTargets[1] must be a non-empty string, got the number 7'],
    ['AllocationTargets with an empty item', ok('{"AllocationTargets":[""]}'), 'AllocationTargets[0] must be a non-empty string, got an empty string'],
    ['InitialTarget as a number', ok('{"InitialTarget":358123456789}'), 'InitialTarget must be a string, got the number 358123456789'],
    ['RequiredTarget as an object', ok('{"RequiredTarget":{"id":"x"}}'), 'RequiredTarget must be a string, got an object'],
    ['CustomTTS as a list', ok('{"CustomTTS":["Hello"]}'), 'CustomTTS must be a string, got a list'],
    [
      'CustomMSI with three fields',
      ok('{"CustomMSI":"VIP,3600,charge"}'),
      'CustomMSI "VIP,3600,charge" must be "<MSI tag>,<validFor>[,<action>,<re-entrant>]"',
    ],
    ['CustomMSI with an empty tag', ok('{"CustomMSI":",3600"}'), 'CustomMSI ",3600" must be "<MSI tag>,<validFor>[,<action>,<re-entrant>]"'],
  ])('routes by default on %s, naming the property and the rule', (_name, response, reason) => {
    const parsed = parseRoutingResponse(response);
    expect(parsed.outcome).toBe('default-error');
    if (parsed.outcome !== 'default-error') return;
    if (typeof reason === 'string') expect(parsed.reason).toBe(reason);
    else expect(parsed.reason).toMatch(reason);
  });

  it('lists every problem, and one bad value spoils the whole answer', () => {
    expect(parse200({ InitialTarget: 'Q1', Priority: 20000, ExtraPriority: 1.5 })).toEqual({
      outcome: 'default-error',
      reason: 'Priority 20000 is out of range 0..10000; ExtraPriority 1.5 is not an integer',
    });
  });

  it('cuts a long echoed value', () => {
    const parsed = parseRoutingResponse(ok('{"Priority":5}', `text/html; x=${'y'.repeat(500)}`));
    expect(parsed.outcome === 'default-error' && parsed.reason.length).toBeLessThan(120);
  });
});

describe('parseCustomTts', () => {
  it('splits the document example by culture', () => {
    expect(parseCustomTts('[en-GB] Greetings caller. [fi-FI] Tervehdys soittaja')).toEqual([
      { culture: 'en-GB', text: 'Greetings caller.' },
      { culture: 'fi-FI', text: 'Tervehdys soittaja' },
    ]);
  });

  it('gives text without a prefix no culture', () => {
    expect(parseCustomTts('This call will be disconnected, sorry about that')).toEqual([
      { culture: null, text: 'This call will be disconnected, sorry about that' },
    ]);
  });

  it('keeps text before the first prefix, and drops prefixes without text', () => {
    expect(parseCustomTts('Hello [sv-SE] [fi-FI]Hei  ')).toEqual([
      { culture: null, text: 'Hello' },
      { culture: 'fi-FI', text: 'Hei' },
    ]);
  });

  it('knows script and neutral cultures, and leaves brackets that are no culture in the text', () => {
    expect(parseCustomTts('[sr-Latn-RS] Zdravo [en] Press [1] or say [OK]')).toEqual([
      { culture: 'sr-Latn-RS', text: 'Zdravo' },
      { culture: 'en', text: 'Press [1] or say [OK]' },
    ]);
  });

  it('has nothing to say for an empty prompt', () => {
    expect(parseCustomTts('  ')).toEqual([]);
  });
});

describe('parseCustomMsi', () => {
  it('reads two or four fields', () => {
    expect(parseCustomMsi('VIP,3600')).toEqual({ tag: 'VIP', validFor: '3600', action: null, reEntrant: null });
    expect(parseCustomMsi('VIP, 3600, charge, true')).toEqual({ tag: 'VIP', validFor: '3600', action: 'charge', reEntrant: 'true' });
  });

  it.each(['VIP', 'VIP,3600,charge', 'VIP,3600,charge,true,x', 'VIP,', ''])('refuses %j', (value) => {
    expect(parseCustomMsi(value)).toBeNull();
  });
});
