/**
 * The arithmetic a catalog may write for a derived ratio: sums and differences of named counts and whole
 * numbers — "(Tổng số PAKN − số bị phản hồi không hài lòng hoặc quá hạn) / Tổng số PAKN" is numerator
 * "tong_pakn - khong_hai_long" over denominator "tong_pakn". A tiny parser, never `eval`: nothing but
 * names, digits, + and − (or -) is accepted.
 */
export interface Term {
  sign: 1n | -1n;
  name?: string;
  constant?: bigint;
}
export type Expression = Term[];

export type Parsed = { ok: true; expr: Expression } | { ok: false; position: number };

export function parseExpression(text: string): Parsed {
  const terms: Term[] = [];
  let i = 0;
  let sign: 1n | -1n = 1n;
  let expectTerm = true;
  const skip = () => {
    while (i < text.length && /\s/.test(text[i]!)) i++;
  };
  skip();
  while (i < text.length) {
    const ch = text[i]!;
    if (expectTerm) {
      const m = /^(?:[a-z][a-z0-9_]*|\d+)/.exec(text.slice(i));
      if (!m) return { ok: false, position: i + 1 };
      const tok = m[0];
      terms.push(/^\d/.test(tok) ? { sign, constant: BigInt(tok) } : { sign, name: tok });
      i += tok.length;
      expectTerm = false;
    } else if (ch === '+' || ch === '-' || ch === '−') {
      sign = ch === '+' ? 1n : -1n;
      i++;
      expectTerm = true;
    } else return { ok: false, position: i + 1 };
    skip();
  }
  if (expectTerm) return { ok: false, position: text.length + 1 };
  return { ok: true, expr: terms };
}

/** The names an expression uses. */
export const namesOf = (e: Expression) => e.flatMap((t) => (t.name === undefined ? [] : [t.name]));

export function evaluate(e: Expression, values: ReadonlyMap<string, bigint>): bigint {
  let s = 0n;
  for (const t of e) s += t.sign * (t.name === undefined ? t.constant! : values.get(t.name) ?? 0n);
  return s;
}

/**
 * Whether an expression of non-negative counts can ever be above zero: some count added (net), or a
 * positive constant. "a - a" or "0 - b" never can, so a denominator written so is a derived zero.
 */
export function canBePositive(e: Expression): boolean {
  const coef = new Map<string, bigint>();
  let constant = 0n;
  for (const t of e) {
    if (t.name === undefined) constant += t.sign * t.constant!;
    else coef.set(t.name, (coef.get(t.name) ?? 0n) + t.sign);
  }
  return constant > 0n || [...coef.values()].some((c) => c > 0n);
}

/** The expression as people read it: "tong_pakn − khong_hai_long". */
export const showExpression = (e: Expression) =>
  e.map((t, i) => `${i === 0 ? (t.sign < 0n ? '−' : '') : t.sign < 0n ? ' − ' : ' + '}${t.name ?? String(t.constant)}`).join('');
