// The ONNX messages: protobufjs static code compiled from onnx.proto (the subset of the
// ONNX schema a feed-forward model uses; scripts/gen-onnx.mjs), loaded on first use, and
// plain TypeScript shapes of them. Decoded messages become plain objects (fields absent
// from the bytes are undefined; 64-bit integers are numbers).
import onnxMessages from './protobuf.cjs';

export const DataType = { FLOAT: 1, INT32: 6, INT64: 7, DOUBLE: 11 } as const;
export const AttributeType = { FLOAT: 1, INT: 2, STRING: 3, TENSOR: 4, FLOATS: 6, INTS: 7 } as const;

// ---- plain shapes of the messages ---------------------------------------------------------

export interface TensorMsg {
  name?: string;
  dims?: number[];
  data_type?: number;
  float_data?: number[];
  int32_data?: number[];
  int64_data?: number[];
  double_data?: number[];
  raw_data?: Uint8Array;
  data_location?: number;
}
export interface AttributeMsg {
  name: string;
  type?: number;
  f?: number;
  i?: number;
  s?: Uint8Array;
  t?: TensorMsg;
  floats?: number[];
  ints?: number[];
}
export interface NodeMsg {
  input?: string[];
  output?: string[];
  name?: string;
  op_type: string;
  domain?: string;
  attribute?: AttributeMsg[];
}
export interface DimensionMsg {
  dim_value?: number;
  dim_param?: string;
}
export interface ValueInfoMsg {
  name: string;
  type?: { tensor_type?: { elem_type?: number; shape?: { dim?: DimensionMsg[] } } };
}
export interface GraphMsg {
  name?: string;
  node?: NodeMsg[];
  initializer?: TensorMsg[];
  input?: ValueInfoMsg[];
  output?: ValueInfoMsg[];
  doc_string?: string;
}
export interface ModelMsg {
  ir_version?: number;
  opset_import?: { domain?: string; version?: number }[];
  producer_name?: string;
  producer_version?: string;
  doc_string?: string;
  graph?: GraphMsg;
  metadata_props?: { key?: string; value?: string }[];
}

/** A decoded message as a plain object: own fields only, Long values as numbers. */
function plain(v: unknown): unknown {
  if (v === null || typeof v !== 'object' || v instanceof Uint8Array) return v;
  if (Array.isArray(v)) return v.map(plain);
  const long = v as { toNumber?: () => number; low?: number; high?: number };
  if (typeof long.toNumber === 'function' && typeof long.low === 'number' && typeof long.high === 'number') return long.toNumber();
  const out: Record<string, unknown> = {};
  for (const [k, e] of Object.entries(v)) out[k] = plain(e);
  return out;
}

export function encodeModel(m: ModelMsg): Uint8Array {
  return onnxMessages().ModelProto.encode(m).finish();
}

export function decodeModel(bytes: Uint8Array): ModelMsg {
  return plain(onnxMessages().ModelProto.decode(bytes)) as ModelMsg;
}
