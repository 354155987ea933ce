import { fileURLToPath } from 'node:url';
import protobuf from 'protobufjs';

/**
 * Protobuf and JSON encodings of the OTLP/HTTP trace messages, from `otlp-trace.proto` (a subset
 * of opentelemetry-proto with the same field numbers).
 */

const root = protobuf.loadSync(fileURLToPath(new URL('./otlp-trace.proto', import.meta.url)));
const requestType = root.lookupType('faultline.otlp.ExportTraceServiceRequest');
const responseType = root.lookupType('faultline.otlp.ExportTraceServiceResponse');
const statusType = root.lookupType('faultline.otlp.RpcStatus');

/** Decodes a protobuf ExportTraceServiceRequest; throws protobufjs' error on malformed bytes. */
export function decodeTraceRequest(body: Uint8Array): unknown {
  return requestType.decode(body);
}

/** Encodes a protobuf ExportTraceServiceRequest (used by tests and the benchmark). */
export function encodeTraceRequest(request: object): Uint8Array {
  return requestType.encode(requestType.fromObject(request)).finish();
}

/** Partial success per OTLP/HTTP: omitted entirely when nothing was rejected. */
export interface PartialSuccess {
  rejectedSpans: number;
  errorMessage: string;
}

/** The ExportTraceServiceResponse body in the request's encoding. */
export function encodeTraceResponse(partial: PartialSuccess | undefined, json: boolean): Uint8Array | string {
  const message = partial === undefined ? {} : { partialSuccess: partial };
  if (json) return JSON.stringify(message);
  return responseType.encode(responseType.fromObject(message)).finish();
}

/** Decodes a protobuf ExportTraceServiceResponse to a plain object (tests). */
export function decodeTraceResponse(body: Uint8Array): Record<string, unknown> {
  return responseType.toObject(responseType.decode(body), { longs: Number });
}

/** A google.rpc.Status error body (`code` is the gRPC code: 3 invalid argument, 14 unavailable). */
export function encodeStatus(code: number, message: string, json: boolean): Uint8Array | string {
  if (json) return JSON.stringify({ code, message });
  return statusType.encode(statusType.fromObject({ code, message })).finish();
}
