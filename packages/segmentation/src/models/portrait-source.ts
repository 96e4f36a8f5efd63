import { rawGithubUrl } from '@facepipe/core';

/** Source of every portrait-segmentation export facepipe knows (`anilsathyan7/Portrait-Segmentation`, pinned) at `path`. */
export function portraitSource(path: string): { source: { repo: string; commit: string; path: string }; url: string; license: 'MIT' } {
  const source = { repo: 'anilsathyan7/Portrait-Segmentation', commit: 'dbf69b043cf70d3362bc500ee620f20807e622d2', path };
  return { source, url: rawGithubUrl(source), license: 'MIT' };
}
