// Types of protobuf.cjs: the ONNX messages' static encoders and decoders (protobufjs).
interface Message {
  encode(message: object): { finish(): Uint8Array };
  decode(bytes: Uint8Array): object;
}
declare function onnxMessages(): { ModelProto: Message };
export = onnxMessages;
