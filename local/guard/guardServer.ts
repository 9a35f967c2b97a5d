import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { checkRequest, type GuardRefusal, type RequestPolicy } from './checkRequest';

/** Writes a refusal in the protocol of the server it guards. */
export type RefusalWriter = (res: ServerResponse, refusal: GuardRefusal) => void;

type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * Puts the Host/Origin check in front of a server whose handler is not ours (dynalite, s3rver on
 * their internal loopback ports): its request listeners run only for requests the policy allows.
 * A page that finds such a port by scanning must meet the same refusal as at the edge.
 */
export function guardServer(server: Server, policy: RequestPolicy, refuse: RefusalWriter): void {
  const listeners = server.listeners('request') as RequestListener[];
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const refusal = checkRequest(req.headers, req.socket.localPort ?? 0, policy);
    if (refusal !== undefined) {
      res.setHeader('connection', 'close');
      refuse(res, refusal);
      return;
    }
    for (const listener of listeners) listener.call(server, req, res);
  });
}
