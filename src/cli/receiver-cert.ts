import { createHash, X509Certificate } from 'node:crypto';
import { generate } from 'selfsigned';

/**
 * A self-signed certificate for the sample receiver, made at every start and kept in memory only
 * (never written unless asked with --cert-out), valid for localhost and the address it listens on.
 */
export function receiverCertificate(host: string): { key: string; cert: string; fingerprint: string } {
  const isIp = /^[\d.]+$|:/.test(host);
  const pems = generate([{ name: 'commonName', value: 'enreach-emu receiver' }], {
    keySize: 2048,
    days: 30,
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: true },
      { name: 'keyUsage', keyCertSign: true, digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }, ...(host === '127.0.0.1' ? [] : [isIp ? { type: 7, ip: host } : { type: 2, value: host }])],
      },
    ],
  });
  const raw = new X509Certificate(pems.cert).raw;
  const fingerprint = createHash('sha256').update(raw).digest('hex').toUpperCase().match(/../g)!.join(':');
  return { key: pems.private, cert: pems.cert, fingerprint };
}
