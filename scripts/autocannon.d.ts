/** The part of autocannon's API that scripts/bench-api.ts uses (the package ships no types). */
declare module 'autocannon' {
  interface Percentiles {
    average: number;
    p50: number;
    p99: number;
  }
  interface Result {
    requests: Percentiles;
    latency: Percentiles;
    non2xx: number;
    errors: number;
  }
  function autocannon(options: Record<string, unknown>): Promise<Result>;
  export default autocannon;
}
