/** What `facepipe report <out-dir>` does after parsing; resolves to the exit code. */
export type ReportAction = (outDir: string) => Promise<number>;
