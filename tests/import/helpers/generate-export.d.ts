/** Types of generate-export.js (plain JavaScript so that `npm run bench:import` can use it without a build). */
export declare const generateExport: (
  file: string,
  options: { posts?: number; commentsPerPost?: number; imageOrigin: string }
) => Promise<number>;
