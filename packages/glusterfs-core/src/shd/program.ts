import { FsError } from '../errors/index.js';
import type { RpcHandler } from '../rpc/index.js';
import type { ShdStatistics } from './stats.js';

/** What the `shd` program serves (a {@link SelfHealDaemon} is one). */
export interface ShdService {
  trigger(volume: string, full: boolean): Promise<void>;
  statistics(volume: string): ShdStatistics;
  reload(): Promise<string[]>;
}

/** The `shd` RPC program's procedures over `svc` (see `SHD_PROGRAM`). */
export function shdProcs(svc: ShdService): Record<string, RpcHandler> {
  return {
    trigger: async (a) => {
      await svc.trigger(volumeArg(a, 'trigger'), a[1] === true);
      return null;
    },
    statistics: async (a) => JSON.stringify(svc.statistics(volumeArg(a, 'statistics'))),
    reload: () => svc.reload(),
  };
}

function volumeArg(args: unknown[], proc: string): string {
  const v = args[0];
  if (typeof v !== 'string' || !v) throw new FsError('EINVAL', `${proc}: argument 1 must be a volume name`);
  return v;
}
