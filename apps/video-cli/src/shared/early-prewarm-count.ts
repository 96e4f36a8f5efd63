import { DEFAULT_STAGES } from './defaults.js';
import { sessionKinds } from '../stages/session-kinds.js';
import type { RunOptions } from '../commands/run/run-options.js';

const STAGE_NAMES = new Set(['detect', 'landmarks', 'pose', 'segment']);
const POSES = new Set(['fsanet', 'pnp', 'model']);

/**
 * How many inference workers a `facepipe run` command line will want, read from the raw arguments
 * before the command-line parser and the commands' code are loaded (start-up: the workers then load
 * onnxruntime while the CLI's own modules compile). Conservative: 0 (start none) for any other
 * command, `--help`, `--workers 0` or anything it does not understand; `commander` parses
 * the real options afterwards and the run tops the prewarmed workers up to what it needs.
 *
 * ## Example
 * ```ts
 * earlyPrewarmCount(['run', 'clip.mp4', '--stages', 'detect,segment']); // 2
 * earlyPrewarmCount(['models', 'list']); // 0
 * ```
 */
export function earlyPrewarmCount(argv: readonly string[]): number {
  if (argv[0] !== 'run') return 0;
  let stages: readonly string[] = DEFAULT_STAGES;
  let pose: RunOptions['pose'] = 'fsanet';
  let workers = 1;
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.indexOf('=');
    const [flag, inline] = arg.startsWith('--') && eq > 0 ? [arg.slice(0, eq), arg.slice(eq + 1)] : [arg, undefined];
    const value = (): string | undefined => inline ?? argv[++i];
    if (flag === '-h' || flag === '--help') return 0;
    if (flag === '--stages') {
      const list = (value() ?? '').split(',').map((s) => s.trim());
      if (list.length === 0 || !list.every((s) => STAGE_NAMES.has(s))) return 0;
      stages = list;
    } else if (flag === '--pose') {
      const p = value();
      if (p === undefined || !POSES.has(p)) return 0;
      pose = p as RunOptions['pose'];
    } else if (flag === '--workers') {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 0 || n > 16) return 0;
      workers = n;
    }
  }
  return sessionKinds({ stages: stages as RunOptions['stages'], pose }).length * workers;
}
