/**
 * The certificate authorities Banyan trusts: Node's bundled roots, the system store (so a corporate
 * root CA installed on the machine works), NODE_EXTRA_CA_CERTS (Node reads it itself) and the
 * `banyan.models.caFile` setting.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as tls from 'node:tls';

/** Where Linux distributions keep the system bundle. */
const SYSTEM_BUNDLES = ['/etc/ssl/certs/ca-certificates.crt', '/etc/pki/tls/certs/ca-bundle.crt', '/etc/ssl/ca-bundle.pem', '/etc/ssl/cert.pem'];

type GetCa = (type: 'default' | 'system' | 'bundled' | 'extra') => string[];

export function systemCertificates(): string[] {
  // Node ≥ 22.15 reads the OS store itself (Windows and macOS included).
  const get = (tls as unknown as { getCACertificates?: GetCa }).getCACertificates;
  if (get) return get('system');
  for (const file of SYSTEM_BUNDLES) if (existsSync(file)) return [readFileSync(file, 'utf8')];
  return [];
}

/**
 * The `ca` option for TLS connections. Throws a readable error when the configured file is unusable.
 */
export function trustedCertificates(caFile: string): string[] {
  const out = [...tls.rootCertificates, ...systemCertificates()];
  if (caFile) {
    let text: string;
    try {
      text = readFileSync(caFile, 'utf8');
    } catch (err) {
      throw new Error(`banyan.models.caFile "${caFile}" cannot be read (${(err as Error).message}): fix the path or clear the setting`);
    }
    if (!text.includes('-----BEGIN CERTIFICATE-----')) throw new Error(`banyan.models.caFile "${caFile}" holds no PEM certificate: export the CA as PEM (Base64)`);
    out.push(text);
  }
  return out;
}
