import { createHmac, randomBytes } from 'node:crypto';
import { bitConverterToString, generateLandisSecret, LANDIS_SIGNATURE_HEADER, signLandisBody, verifyLandisSignature } from './landis-signature';

/** Independent of the code under test: hex digest, upper-cased, a dash between every two digits. */
function expectedHeader(body: string, secret: string): string {
  const hex = createHmac('sha256', secret).update(body).digest('hex').toUpperCase();
  return `sha256=${hex.match(/../g)!.join('-')}`;
}

describe('Landis webhook signature', () => {
  it('is sent as abp-webhook-signature', () => {
    expect(LANDIS_SIGNATURE_HEADER).toBe('abp-webhook-signature');
  });

  it('matches the fixed HMAC-SHA256 vector of RFC 4231 (test case 2), in BitConverter form', () => {
    expect(signLandisBody('what do ya want for nothing?', 'Jefe')).toBe(
      'sha256=5B-DC-C1-46-BF-60-75-4E-6A-04-24-26-08-95-75-C7-5A-00-3F-08-9D-27-39-83-9D-EC-58-B9-64-EC-38-43',
    );
  });

  it('signs the UTF-8 bytes of body and secret', () => {
    const body = '{"Id":"x","Data":{"CallerName":"Jürgen Ødegård 😀"}}';
    const secret = 'whs_Ää';
    expect(signLandisBody(body, secret)).toBe(expectedHeader(body, secret));
    expect(signLandisBody(Buffer.from(body, 'utf8'), secret)).toBe(expectedHeader(body, secret));
  });

  it('agrees with an independent computation for random bodies and secrets', () => {
    for (let i = 0; i < 20; i++) {
      const body = randomBytes(1 + i * 13).toString('base64');
      const secret = generateLandisSecret();
      expect(signLandisBody(body, secret)).toBe(expectedHeader(body, secret));
    }
  });

  it('writes bytes as .NET BitConverter.ToString does', () => {
    expect(bitConverterToString(Uint8Array.from([0, 10, 171, 255]))).toBe('00-0A-AB-FF');
    expect(bitConverterToString(new Uint8Array())).toBe('');
  });

  it('verifies only the exact header for the exact body and secret', () => {
    const body = '{"Attempt":1}';
    const header = signLandisBody(body, 'whs_a');
    expect(verifyLandisSignature(body, header, 'whs_a')).toBe(true);
    expect(verifyLandisSignature(body, header, 'whs_b')).toBe(false);
    expect(verifyLandisSignature('{"Attempt":2}', header, 'whs_a')).toBe(false);
    expect(verifyLandisSignature(`${body} `, header, 'whs_a')).toBe(false);
    expect(verifyLandisSignature(body, header.toLowerCase(), 'whs_a')).toBe(false);
    expect(verifyLandisSignature(body, header.replace(/-/g, ''), 'whs_a')).toBe(false);
    expect(verifyLandisSignature(body, undefined, 'whs_a')).toBe(false);
  });

  it('needs a secret', () => {
    expect(() => signLandisBody('{}', '')).toThrow('secret');
  });
});

describe('generateLandisSecret', () => {
  it('is "whs_" and a GUID in the "N" format, as ABP makes it', () => {
    expect(generateLandisSecret(() => '3F2504E0-4F89-41D3-9A0C-0305E82C3301')).toBe('whs_3f2504e04f8941d39a0c0305e82c3301');
    const secret = generateLandisSecret();
    expect(secret).toMatch(/^whs_[0-9a-f]{12}4[0-9a-f]{3}[89ab][0-9a-f]{15}$/);
  });

  it('differs every time', () => {
    const secrets = new Set(Array.from({ length: 100 }, () => generateLandisSecret()));
    expect(secrets.size).toBe(100);
  });

  it('refuses a source that is not a GUID', () => {
    expect(() => generateLandisSecret(() => 'abc')).toThrow('32 hex digits');
  });
});
