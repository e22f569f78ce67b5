// oidc-provider ships no types; the tests use only its constructor and listen().
declare module 'oidc-provider' {
  import type { Server } from 'node:http';
  export default class Provider {
    constructor(issuer: string, configuration: unknown);
    listen(port: number, host?: string): Server;
  }
}
