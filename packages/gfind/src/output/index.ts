export { OutputSink, type SinkOptions } from './sink.js';
export { TextStreams } from './streams.js';
export { jsonLines, writeArrow, writeParquet } from './records.js';
