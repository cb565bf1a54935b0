/**
 * Go's sort algorithms, for the places where Go's SDL code sorts with a comparator that is not a strict order or
 * leaves ties: the result then depends on the algorithm, and it ends up in the manifest hash and the group specs.
 * - `goStableSort` = sort.SliceStable / sort.Stable (insertion sort on blocks of 20, then SymMerge).
 * - `goSort` = sort.Sort for up to 12 elements (pdqsort falls back to insertion sort there). Longer inputs use the
 *   stable sort; Go's pdqsort may order *tied* elements differently in that case, which only affects the order of
 *   equal-key endpoints/exposes (never their content).
 */

type Less<T> = (a: T, b: T) => boolean;

function insertionSort<T>(data: T[], less: Less<T>, a: number, b: number): void {
  for (let i = a + 1; i < b; i++) {
    for (let j = i; j > a && less(data[j]!, data[j - 1]!); j--) swap(data, j, j - 1);
  }
}

function swap<T>(data: T[], i: number, j: number): void {
  const t = data[i]!;
  data[i] = data[j]!;
  data[j] = t;
}

function swapRange<T>(data: T[], a: number, b: number, n: number): void {
  for (let i = 0; i < n; i++) swap(data, a + i, b + i);
}

function rotate<T>(data: T[], a: number, m: number, b: number): void {
  let i = m - a;
  let j = b - m;
  while (i !== j) {
    if (i > j) {
      swapRange(data, m - i, m, j);
      i -= j;
    } else {
      swapRange(data, m - i, m + j - i, i);
      j -= i;
    }
  }
  swapRange(data, m - i, m, i);
}

function symMerge<T>(data: T[], less: Less<T>, a: number, m: number, b: number): void {
  if (m - a === 1) {
    let i = m;
    let j = b;
    while (i < j) {
      const h = (i + j) >>> 1;
      if (less(data[h]!, data[a]!)) i = h + 1;
      else j = h;
    }
    for (let k = a; k < i - 1; k++) swap(data, k, k + 1);
    return;
  }
  if (b - m === 1) {
    let i = a;
    let j = m;
    while (i < j) {
      const h = (i + j) >>> 1;
      if (!less(data[m]!, data[h]!)) i = h + 1;
      else j = h;
    }
    for (let k = m; k > i; k--) swap(data, k, k - 1);
    return;
  }
  const mid = (a + b) >>> 1;
  const n = mid + m;
  let start: number;
  let r: number;
  if (m > mid) {
    start = n - b;
    r = mid;
  } else {
    start = a;
    r = m;
  }
  const p = n - 1;
  while (start < r) {
    const c = (start + r) >>> 1;
    if (!less(data[p - c]!, data[c]!)) start = c + 1;
    else r = c;
  }
  const end = n - start;
  if (start < m && m < end) rotate(data, start, m, end);
  if (a < start && start < mid) symMerge(data, less, a, start, mid);
  if (mid < end && end < b) symMerge(data, less, mid, end, b);
}

/** In-place, like Go's sort.SliceStable. */
export function goStableSort<T>(data: T[], less: Less<T>): T[] {
  const n = data.length;
  let blockSize = 20;
  let a = 0;
  let b = blockSize;
  while (b <= n) {
    insertionSort(data, less, a, b);
    a = b;
    b += blockSize;
  }
  insertionSort(data, less, a, n);
  while (blockSize < n) {
    a = 0;
    b = 2 * blockSize;
    while (b <= n) {
      symMerge(data, less, a, a + blockSize, b);
      a = b;
      b += 2 * blockSize;
    }
    const m = a + blockSize;
    if (m < n) symMerge(data, less, a, m, n);
    blockSize *= 2;
  }
  return data;
}

/** In-place, like Go's sort.Sort (exact for ≤ 12 elements; see the file comment). */
export function goSort<T>(data: T[], less: Less<T>): T[] {
  if (data.length <= 12) {
    insertionSort(data, less, 0, data.length);
    return data;
  }
  return goStableSort(data, less);
}

/** Go string order (bytewise UTF-8); for ASCII keys this equals JS `<`. */
export function goStringLess(a: string, b: string): boolean {
  // UTF-16 order equals UTF-8 byte order except around surrogate pairs; only then pay for a byte comparison.
  if (!SURROGATE.test(a) && !SURROGATE.test(b)) return a < b;
  return Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8")) < 0;
}

const SURROGATE = /[\uD800-\uDFFF]/;

export function sortedGoStrings(values: Iterable<string>): string[] {
  return goStableSort([...values], goStringLess);
}
