// The part of madge's API (it ships no types) that the cycle checks use.
declare module "madge" {
  interface MadgeConfig {
    fileExtensions?: string[];
    tsConfig?: string;
    baseDir?: string;
    excludeRegExp?: RegExp[];
  }
  interface MadgeResult {
    /** Each module with the modules it imports. */
    obj(): Record<string, string[]>;
    /** Each cycle as the modules on it, in import order. */
    circular(): string[][];
    /** Imports madge could not resolve to a file. */
    warnings(): { skipped: string[] };
  }
  /** A folder or file to read, or a graph given as each node with the nodes it points to. */
  export default function madge(
    path: string | Record<string, string[]>,
    config?: MadgeConfig,
  ): Promise<MadgeResult>;
}
