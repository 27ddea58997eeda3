/** C2PA signing credentials for tests: a fresh local root CA and claim signer, made once per test file. */
import {
  generateLocalCredentials,
  parseCredentials,
  type C2paCredentials,
} from '../../lib/provenance/c2pa/credentials';

let credentials: Promise<C2paCredentials> | undefined;

export function testC2pa(): Promise<C2paCredentials> {
  credentials ??= generateLocalCredentials({ organisation: 'Motif test' }).then((pem) => parseCredentials(pem));
  return credentials;
}
