import { defineOptions } from '../../../volume/options.js';

/** The brick server's access policy, as glusterd writes it into a brick volfile. */
export const options = defineOptions({
  'trusted-password': {
    type: 'string',
    doc: 'Password (auth.login) of user "trusted": the volume\'s clients on its servers (self-heal daemon, HDFS shim, root\'s mounts). Never root-squashed.',
  },
  'client-password': {
    type: 'string',
    doc: 'Password (auth.login) of user "client": other clients glusterd handed the volfile to (TLS certificate holders).',
  },
  'auth-allow': { type: 'list', default: ['*'], doc: 'Client addresses allowed to connect (auth.allow): IPs, 192.168.1.* patterns, CIDR ranges.' },
  'auth-reject': { type: 'list', default: [], doc: 'Client addresses refused (auth.reject), checked before auth-allow.' },
  ssl: { type: 'bool', default: false, doc: 'Serve only over TLS (server.ssl); clients must present a certificate the CA signed.' },
  'ssl-dir': { type: 'string', doc: 'Directory of glusterfs.pem, glusterfs.key and glusterfs.ca (glusterd writes its own).' },
  'ssl-allow': { type: 'list', default: ['*'], doc: 'Certificate common names allowed over TLS (auth.ssl-allow); * for any the CA signed.' },
  'root-squash': { type: 'bool', default: false, doc: 'Map uid/gid 0 of ordinary clients to anonuid/anongid (server.root-squash).' },
  anonuid: { type: 'int', default: 65534, min: 0, max: 4294967294, doc: 'The uid root is squashed to.' },
  anongid: { type: 'int', default: 65534, min: 0, max: 4294967294, doc: 'The gid root is squashed to.' },
});
