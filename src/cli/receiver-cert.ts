import { createHash, X509Certificate } from 'node:crypto';
import { makeSelfSignedCert } from '../common/self-signed-cert';

/**
 * The sample receiver's certificate, made at every start and kept in memory only (written only
 * when asked with --cert-out), valid for localhost and the address it listens on.
 */
export function receiverCertificate(host: string): { key: string; cert: string; fingerprint: string } {
  const { key, cert } = makeSelfSignedCert('enreach-emu receiver', [host], 30);
  const raw = new X509Certificate(cert).raw;
  const fingerprint = createHash('sha256').update(raw).digest('hex').toUpperCase().match(/../g)!.join(':');
  return { key, cert, fingerprint };
}
