import { DEFAULT_POSE, DEFAULT_STAGES, DEFAULT_WORKERS, MAX_WORKERS, POSE_METHODS, STAGES, type PoseMethod, type Stage } from './defaults.js';
import { sessionKinds } from '../stages/session-kinds.js';

const isStage = (s: string): s is Stage => (STAGES as readonly string[]).includes(s);
const isPose = (s: string | undefined): s is PoseMethod => (POSE_METHODS as readonly (string | undefined)[]).includes(s);

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
  let stages: readonly Stage[] = DEFAULT_STAGES;
  let pose: PoseMethod = DEFAULT_POSE;
  let workers = DEFAULT_WORKERS;
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.indexOf('=');
    const [flag, inline] = arg.startsWith('--') && eq > 0 ? [arg.slice(0, eq), arg.slice(eq + 1)] : [arg, undefined];
    const value = (): string | undefined => inline ?? argv[++i];
    if (flag === '-h' || flag === '--help') return 0;
    if (flag === '--stages') {
      const list = (value() ?? '').split(',').map((s) => s.trim());
      if (!list.every(isStage)) return 0;
      stages = list;
    } else if (flag === '--pose') {
      const p = value();
      if (!isPose(p)) return 0;
      pose = p;
    } else if (flag === '--workers') {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 0 || n > MAX_WORKERS) return 0;
      workers = n;
    }
  }
  return sessionKinds({ stages, pose }).length * workers;
}
