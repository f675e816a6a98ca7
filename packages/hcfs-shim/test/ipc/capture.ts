/** The bytes hdfs-cli sent for `HADOOP_USER_NAME=alice hdfs ls hdfs://…/x`, rebuilt from the brief (§2.2). */
const hex = (s: string): string => Buffer.from(s, 'utf8').toString('hex');

/** The client id used in the capture: 16 ASCII bytes. */
export const CLIENT_ID = Buffer.from('0123456789abcdef', 'ascii');
/** The protocol name in the context and request headers. */
export const CLIENT_PROTOCOL = 'org.apache.hadoop.hdfs.protocol.ClientProtocol';

/** Preamble: "hrpc", version 9, service class 0, auth SIMPLE. */
export const PREAMBLE_HEX = '68727063' + '09' + '00' + '00';

/** Connection-context packet body (after its 4-byte length 0x53). */
export const CONTEXT_BODY_HEX = '18' + '0802' + '1000' + '1805' + '2210' + CLIENT_ID.toString('hex')
  + '39' + '1207' + '0a05' + hex('alice') + '1a2e' + hex(CLIENT_PROTOCOL);

/** getFileInfo call packet body (after its 4-byte length 0x5e). */
export const CALL_BODY_HEX = '18' + '0802' + '1000' + '1802' + '2210' + CLIENT_ID.toString('hex')
  + '3f' + '0a0b' + hex('getFileInfo') + '122e' + hex(CLIENT_PROTOCOL) + '1801'
  + '04' + '0a02' + hex('/x');

/** The whole stream: preamble, context packet, call packet. */
export const STREAM = Buffer.from(PREAMBLE_HEX + '00000053' + CONTEXT_BODY_HEX + '0000005e' + CALL_BODY_HEX, 'hex');
