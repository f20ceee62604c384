import { generate } from 'selfsigned';

export interface CertPair {
  /** PEM private key. */
  key: string;
  /** PEM certificate. */
  cert: string;
}

/**
 * A self-signed certificate made in memory (never written by this function), valid for
 * localhost, 127.0.0.1 and the extra hosts (addresses or names).
 */
export function makeSelfSignedCert(commonName: string, extraHosts: string[] = [], days = 365): CertPair {
  const extra = extraHosts.filter((h) => h !== '127.0.0.1' && h !== 'localhost');
  const pems = generate([{ name: 'commonName', value: commonName }], {
    keySize: 2048,
    days,
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
          ...extra.map((h) => (/^[\d.]+$|:/.test(h) ? { type: 7, ip: h } : { type: 2, value: h })),
        ],
      },
    ],
  });
  return { key: pems.private, cert: pems.cert };
}
