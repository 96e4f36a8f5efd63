/**
 * The rxjs functions this package uses, each from its own module: rxjs's index loads all of rxjs
 * (~220 files, ~50 ms of start-up on a 2-core machine), these ~25 files a third of that. Same objects as
 * `import { … } from 'rxjs'` (the index re-exports these very modules; `rxjs/internal/*` is in rxjs 7's
 * exports map). Type-only imports can keep `from 'rxjs'` (erased at compile time).
 * @internal
 */
export { catchError } from 'rxjs/internal/operators/catchError';
export { concatMap } from 'rxjs/internal/operators/concatMap';
export { defer } from 'rxjs/internal/observable/defer';
export { EMPTY } from 'rxjs/internal/observable/empty';
export { from } from 'rxjs/internal/observable/from';
export { fromEvent } from 'rxjs/internal/observable/fromEvent';
export { identity } from 'rxjs/internal/util/identity';
export { lastValueFrom } from 'rxjs/internal/lastValueFrom';
export { map } from 'rxjs/internal/operators/map';
export { Observable } from 'rxjs/internal/Observable';
export { of } from 'rxjs/internal/observable/of';
export { pipe } from 'rxjs/internal/util/pipe';
export { repeat } from 'rxjs/internal/operators/repeat';
export { Subject } from 'rxjs/internal/Subject';
export { take } from 'rxjs/internal/operators/take';
export { takeUntil } from 'rxjs/internal/operators/takeUntil';
export { tap } from 'rxjs/internal/operators/tap';
export { toArray } from 'rxjs/internal/operators/toArray';
export type { OperatorFunction, Subscription } from 'rxjs';
