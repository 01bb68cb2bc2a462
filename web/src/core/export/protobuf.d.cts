// Types of protobuf.cjs: the protobufjs light module, loaded on first call.
declare function protobuf(): typeof import('protobufjs/light.js');
export = protobuf;
