/**
 * Webhook signatures and secret comparison with Web Crypto, so they run on any runtime Hono runs on.
 *
 * A delivery carries `X-Rahnama-Signature: sha256=<hex>`, the HMAC-SHA256 of the exact request body bytes keyed with
 * RAHNAMA_WEBHOOK_SECRET (the scheme GitHub uses for its webhooks). The receiver recomputes it over the raw body
 * before parsing the JSON and compares in constant time.
 */

export const SIGNATURE_HEADER = 'X-Rahnama-Signature';
export const DELIVERY_HEADER = 'X-Rahnama-Delivery';
const SIGNATURE_PREFIX = 'sha256=';

const encoder = new TextEncoder();

function hmacKey(secret: string): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
}

/** Lower-case hex of the bytes. */
export function toHex(bytes: ArrayBuffer | Uint8Array): string {
  return Array.from(new Uint8Array(bytes), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** The X-Rahnama-Signature value for a body. */
export async function signBody(body: string, secret: string): Promise<string> {
  const mac = await crypto.subtle.sign('HMAC', await hmacKey(secret), encoder.encode(body));
  return SIGNATURE_PREFIX + toHex(mac);
}

/** True when the header is the signature of the body under the secret. For receivers and tests. */
export async function verifySignature(body: string, header: string | null | undefined, secret: string): Promise<boolean> {
  if (!header) return false;
  return constantTimeEqual(header, await signBody(body, secret));
}

/**
 * Compares two secrets in time that depends on neither's content nor length: both are hashed to 32 bytes first,
 * then every byte pair is compared without an early exit.
 */
export async function constantTimeEqual(a: string, b: string): Promise<boolean> {
  const [x, y] = await Promise.all([sha256(a), sha256(b)]);
  let difference = 0;
  for (let i = 0; i < x.length; i++) difference |= x[i]! ^ y[i]!;
  return difference === 0;
}

/** SHA-256 of the text's UTF-8 bytes. */
export async function sha256(text: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(text)));
}
