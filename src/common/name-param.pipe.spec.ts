import { ValidationProblem } from './errors/domain-errors';
import { NameParamPipe } from './name-param.pipe';

describe('NameParamPipe', () => {
  const pipe = new NameParamPipe();
  const meta = { type: 'param' as const, data: 'user' };

  it('passes ids and names through', () => {
    expect(pipe.transform('anna.virtanen@demo.example', meta)).toBe('anna.virtanen@demo.example');
    expect(pipe.transform('fd434d24-f685-431d-8df5-386b5d5ffa73', meta)).toBe('fd434d24-f685-431d-8df5-386b5d5ffa73');
  });

  it('refuses an overlong or control-character value, naming the parameter', () => {
    expect(() => pipe.transform('x'.repeat(201), meta)).toThrow(ValidationProblem);
    expect(() => pipe.transform('a\tb', meta)).toThrow(/^user must be an id or a name of 1-200 printable characters, got "a\\u0009b"$/);
  });
});
