import { errorBody } from './errors/error-body';
import { ValidationProblem } from './errors/domain-errors';
import { UuidParamPipe } from './uuid-param.pipe';

describe('UuidParamPipe', () => {
  const pipe = new UuidParamPipe();
  const meta = (data?: string) => ({ type: 'param' as const, data });
  const rejection = (value: string, name: string): unknown => {
    try {
      pipe.transform(value, meta(name));
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationProblem);
      return errorBody((e as ValidationProblem).statusCode, (e as ValidationProblem).messages);
    }
    throw new Error(`${value} was accepted`);
  };

  it('passes a UUID of any version through, the nil one included', () => {
    for (const id of ['fd434d24-f685-431d-8df5-386b5d5ffa73', '00000000-0000-0000-0000-000000000000', 'FD434D24-F685-131D-8DF5-386B5D5FFA73']) {
      expect(pipe.transform(id, meta('id'))).toBe(id);
    }
  });

  it('answers 400 naming the parameter and the value, as a list like the body errors', () => {
    expect(rejection('not-a-uuid', 'subscriptionId')).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: ['subscriptionId must be a UUID, got "not-a-uuid"'],
    });
  });

  it('shortens a long value in the message', () => {
    expect(rejection('x'.repeat(500), 'id')).toMatchObject({ message: [`id must be a UUID, got "${'x'.repeat(60)}..."`] });
  });
});
