/**
 * `t.readonlyArray` with bounded failure work. io-ts validates every element and allocates an
 * error (with its context) for every mismatch: a 1 MB list of 100 000 wrong objects is about a
 * million errors and seconds of CPU that no timeout can interrupt. This codec validates elements
 * fully until {@link MAX_FAILED_ITEMS} have failed, then only counts further failures through
 * `is` (no allocation), and reports the count in one {@link MoreItems} error.
 */
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';

/** Elements reported one by one; the rest are counted. */
const MAX_FAILED_ITEMS = 10;

/** Stands for `more` further elements of the array at its context that did not match. */
export interface MoreItems extends t.ValidationError {
  readonly more: number;
}

export const isMoreItems = (error: t.ValidationError): error is MoreItems =>
  typeof (error as Partial<MoreItems>).more === 'number';

/** Like `t.readonlyArray(item)` (same name, type and `is`), but bounded when elements fail. */
export const boundedArray = <C extends t.Mixed>(
  item: C,
  name = `ReadonlyArray<${item.name}>`,
): t.ReadonlyArrayC<C> => {
  const plain = t.readonlyArray(item, name);
  const validate: t.Validate<unknown, ReadonlyArray<t.TypeOf<C>>> = (u, c) => {
    if (!Array.isArray(u)) return t.failure(u, c);
    const errors: t.ValidationError[] = [];
    let decoded: unknown[] | undefined;
    let failed = 0;
    let more = 0;
    for (let i = 0; i < u.length; i++) {
      const ui: unknown = u[i];
      if (failed >= MAX_FAILED_ITEMS) {
        if (!item.is(ui)) more++;
        continue;
      }
      const result = item.validate(ui, t.appendContext(c, String(i), item, ui));
      if (E.isLeft(result)) {
        failed++;
        for (const error of result.left) errors.push(error);
      } else if (result.right !== ui) {
        decoded ??= u.slice();
        decoded[i] = result.right;
      }
    }
    if (more > 0) {
      const counted: MoreItems = { value: u, context: c, more };
      errors.push(counted);
    }
    return errors.length > 0 ? t.failures(errors) : t.success((decoded ?? u) as ReadonlyArray<t.TypeOf<C>>);
  };
  return new t.ReadonlyArrayType(name, plain.is, validate, plain.encode, item) as t.ReadonlyArrayC<C>;
};
