// Node's Buffer, as far as the model of WeChat uses it in a phone: sizing storage in bytes (storage.ts).
const encoder = new TextEncoder()
export const Buffer = {
  byteLength: (text: unknown): number => encoder.encode(String(text)).length,
  from: (text: unknown): Uint8Array => encoder.encode(String(text)),
}
