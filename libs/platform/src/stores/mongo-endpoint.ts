/** A MongoDB-wire server an app can reach with the normal driver. */
export interface MongoEndpoint {
  /** Carries the client pool size the server needs (`maxPoolSize`), where it needs one. */
  url: string;
  description: string;
  /** Settles if an embedded server stops by itself: its app cannot go on without it. */
  lost?: Promise<string>;
  /** The embedded server's process, where it runs in its own. */
  pid?: number;
  close(): Promise<void>;
}
