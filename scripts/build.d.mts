// Types for scripts/build.mjs, which the browser tests and the benchmark import.
export declare const SERVER_BUNDLE: string;
export declare function buildWeb(options?: { force?: boolean }): void;
export declare function buildServer(options?: { force?: boolean }): Promise<void>;
export declare function serverCommand(...args: string[]): [string, ...string[]];
