import { makeSelfSignedCert as make, type CertPair } from '../../src/common/self-signed-cert';
import { RECEIVER_HOST } from './receiver-host';

export type { CertPair };

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
  const pair = make(commonName, [RECEIVER_HOST]);
  cache.set(commonName, pair);
  return pair;
}
