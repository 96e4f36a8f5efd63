/**
 * The rxjs functions this package uses, each from its own module: rxjs's index loads all of rxjs
 * (~220 files, ~50 ms of start-up on a 2-core machine), these ~25 files a third of that. Same objects as
 * `import { … } from 'rxjs'` (the index re-exports these very modules; `rxjs/internal/*` is in rxjs 7's
 * exports map). Type-only imports can keep `from 'rxjs'` (erased at compile time).
 * @internal
 */
export { concatMap } from 'rxjs/internal/operators/concatMap';
export { defer } from 'rxjs/internal/observable/defer';
export { from } from 'rxjs/internal/observable/from';
export { map } from 'rxjs/internal/operators/map';
export { Observable } from 'rxjs/internal/Observable';
export type { OperatorFunction, Subscription } from 'rxjs';
