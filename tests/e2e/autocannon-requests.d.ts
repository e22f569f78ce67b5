// The part of autocannon's request API the load spec uses (tests/bench/autocannon.d.ts declares the rest).
declare module 'autocannon' {
  export interface RequestSpec {
    method?: string;
    path: string;
    headers?: Record<string, string>;
    setupRequest?: (request: RequestSpec, context: Record<string, unknown>) => RequestSpec;
    onResponse?: (status: number, body: string, context: Record<string, unknown>) => void;
  }
  interface Options {
    requests?: RequestSpec[];
    pipelining?: number;
  }
}
