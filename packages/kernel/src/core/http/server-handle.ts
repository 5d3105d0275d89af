/** A started server: where it listens, and how to stop it (gracefully: in-flight requests finish). */
export interface ServerHandle {
  url: string;
  port: number;
  stop(): Promise<void>;
}
