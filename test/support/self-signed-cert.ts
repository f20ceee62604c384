import { generate } from 'selfsigned';
import { RECEIVER_HOST } from './receiver-host';

export interface CertPair {
  /** PEM private key. */
  key: string;
  /** PEM certificate. */
  cert: string;
}

// Generated once per process and per name: RSA-2048 generation costs noticeable time.
// Kept in memory only, so no key material ever lands in the repository.
const cache = new Map<string, CertPair>();

/**
 * A self-signed certificate for `commonName`, valid for a year, with SAN DNS:localhost and
 * IP:127.0.0.1 (and TEST_RECEIVER_HOST) so both https://localhost and https://127.0.0.1 verify once it is trusted
 * (e.g. via NODE_EXTRA_CA_CERTS).
 */
export function makeSelfSignedCert(commonName = 'localhost'): CertPair {
  const cached = cache.get(commonName);
  if (cached) return cached;
  const pems = generate([{ name: 'commonName', value: commonName }], {
    keySize: 2048,
    days: 365,
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: true },
      { name: 'keyUsage', keyCertSign: true, digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' }, // DNS
          { type: 7, ip: '127.0.0.1' }, // IP
          ...(RECEIVER_HOST === '127.0.0.1' ? [] : [{ type: 7, ip: RECEIVER_HOST }]),
        ],
      },
    ],
  });
  const pair = { key: pems.private, cert: pems.cert };
  cache.set(commonName, pair);
  return pair;
}
