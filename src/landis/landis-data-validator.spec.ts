import { landisDataProblems } from './landis-data-validator';
import { buildTestWebhookData } from './landis-test-webhook';

describe('landisDataProblems', () => {
  it('accepts a fitting Data object', () => {
    expect(landisDataProblems('App.TestWebhook', buildTestWebhookData(7))).toEqual([]);
  });

  it('names an unknown event', () => {
    expect(landisDataProblems('App.CallWebhook', {})).toEqual(['App.CallWebhook is not a Landis webhook event']);
  });

  it('names missing, extra and wrongly cased properties', () => {
    expect(landisDataProblems('App.TestWebhook', { username: 'x', Extra: 1 })).toEqual([
      'Data.username is not a property of this table (did you mean UserName?)',
      'Data.Extra is not a property of this table',
      'Data.UserName is missing (send null for no value)',
      'Data.EmailAddress is missing (send null for no value)',
    ]);
    expect(landisDataProblems('App.TestWebhook', [])).toEqual(['Data must be an object']);
  });

  it('checks types, value sets, the always-null property and list elements', () => {
    const problems = landisDataProblems('App.IvrWebhook', {
      CallId: 'ABC',
      CallDirection: 'Sideways',
      StartDateTime: '2024-03-01T09:00:05',
      CallLength: '83',
      ResourceAccountObjectId: 'Null',
      IvrInputs: [
        {
          ID: '3f2504e0-4f89-41d3-9a0c-0305e82c3301',
          InputDateTime: '2024-03-01T09:00:05Z',
          BlockName: 'Main',
          ParameterName: 'Choice',
          ParameterValue: '1',
          BlockType: 'Keypad',
        },
      ],
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        'Data.CallId must be a lower-case GUID, got "ABC"',
        'Data.CallDirection must be one of Inbound, Outbound, got "Sideways"',
        'Data.StartDateTime must be a UTC DateTime such as 2024-03-01T09:00:05.123Z, got "2024-03-01T09:00:05"',
        'Data.CallLength must be a TimeSpan such as 00:01:23, got "83"',
        'Data.ResourceAccountObjectId must be null (the document says it is always null)',
        'Data.IvrInputs[0].BlockType must be one of Menu, InputDigits, SpeechInput, SetVariable, Lookup, got "Keypad"',
        'Data.DataValue20 is missing (send null for no value)',
      ]),
    );
    expect(landisDataProblems('App.IvrWebhook', { IvrInputs: null })).toContain('Data.IvrInputs must be an array');
  });
});
