/**
 * The rxjs functions this package uses, each from its own module: rxjs's index loads all of rxjs
 * (~220 files, ~50 ms of start-up on a 2-core machine), these ~25 files a third of that. Same objects as
 * `import { … } from 'rxjs'` (the index re-exports these very modules; `rxjs/internal/*` is in rxjs 7's
 * exports map). Type-only imports can keep `from 'rxjs'` (erased at compile time).
 * @internal
 */
export { catchError } from 'rxjs/internal/operators/catchError';
export { connect } from 'rxjs/internal/operators/connect';
export { defer } from 'rxjs/internal/observable/defer';
export { EMPTY } from 'rxjs/internal/observable/empty';
export { EmptyError } from 'rxjs/internal/util/EmptyError';
export { isObservable } from 'rxjs/internal/util/isObservable';
export { map } from 'rxjs/internal/operators/map';
export { Observable } from 'rxjs/internal/Observable';
export { retry } from 'rxjs/internal/operators/retry';
export { Subscription } from 'rxjs/internal/Subscription';
export { take } from 'rxjs/internal/operators/take';
export { throwError } from 'rxjs/internal/observable/throwError';
export { timer } from 'rxjs/internal/observable/timer';
export { zip } from 'rxjs/internal/observable/zip';
export type { MonoTypeOperatorFunction, OperatorFunction } from 'rxjs';
