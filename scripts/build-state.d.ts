export declare const BUILD_INFO: string;
export interface SourceFingerprint {
  readonly files: number;
  readonly bytes: number;
  readonly newest: number;
}
export declare function sourceFingerprint(srcDir: string): SourceFingerprint;
export declare function distIsCurrent(srcDir: string, distDir: string): boolean;
