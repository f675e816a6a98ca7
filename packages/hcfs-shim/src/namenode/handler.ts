import type { MessageInit, MessageValue } from '../ipc/index.js';
import type { HdfsNamespace, HdfsUser } from '../namespace/index.js';
import type { NamenodePaths } from './paths.js';
import type { METHODS, MethodName } from './protocol-messages.js';

/** What a namenode method handler gets besides its request. */
export interface CallContext {
  ns: HdfsNamespace;
  user: HdfsUser;
  /** The call's paths, checked and made volume paths as HDFS's namenode checks them. */
  paths: NamenodePaths;
}

/** The handler of method `M`: its decoded request in, its response message out. */
export type Handler<M extends MethodName> = (
  c: CallContext,
  req: MessageValue<(typeof METHODS)[M]['request']>,
) => Promise<MessageInit<(typeof METHODS)[M]['response']>>;

/** Handlers for a group of methods. */
export type Handlers<K extends MethodName> = { [M in K]: Handler<M> };
