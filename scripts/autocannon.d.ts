/** The part of autocannon's API that scripts/bench-api-client.ts uses (the package ships no types). */
declare module 'autocannon' {
  interface Percentiles {
    average: number;
    p50: number;
    p99: number;
  }
  interface Result {
    requests: Percentiles & { total: number };
    /** Seconds the run took. */
    duration: number;
    latency: Percentiles;
    non2xx: number;
    errors: number;
  }
  function autocannon(options: Record<string, unknown>): Promise<Result>;
  export default autocannon;
}
