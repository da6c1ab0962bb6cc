// Marking on the phone, for offline revision: the same rules as question_bank/scoring.py
// (single choice, multiple response, Đúng/Sai with the 2025 table, short numeric) and the
// same number reading as question_bank/numeric.py (decimal comma, Unicode minus, a/b).
// The server marks every synced answer again and never trusts this mark; this one only
// gives the student feedback without a network. Numbers are compared exactly (BigInt
// fractions), as Python's Decimal does, so a tolerance of 0,01 means exactly 0,01.

const MINUS = /[\u2212\u2013\u2014\u2010\u2011\ufe63\uff0d]/g;
const NUMBER = /^[+-]?(\d+([.,]\d*)?|[.,]\d+)$/;
const FRACTION = /^([+-]?\d+)\s*\/\s*(\d+)$/;

// A number as {n, d} (BigInt, d > 0), or an Error with the Vietnamese reason.
export function parseNumeric(value) {
  let text = String(value ?? "").normalize("NFKC").trim();
  text = text.replace(MINUS, "-").replace(/[ \u00a0]/g, "");
  if (!text) return new Error("chưa có số");
  const fraction = text.match(FRACTION);
  if (fraction) {
    const d = BigInt(fraction[2]);
    if (d === 0n) return new Error("mẫu số bằng 0");
    return { n: BigInt(fraction[1]), d };
  }
  if (!NUMBER.test(text)) return new Error("chỉ gồm chữ số, dấu trừ và một dấu phẩy thập phân");
  let sign = 1n;
  if (text[0] === "-" || text[0] === "+") {
    if (text[0] === "-") sign = -1n;
    text = text.slice(1);
  }
  const [whole, part = ""] = text.replace(",", ".").split(".");
  const digits = (whole || "0") + part;
  return { n: sign * BigInt(digits), d: 10n ** BigInt(part.length) };
}

const abs = (x) => (x < 0n ? -x : x);

// Does the response mean the key, within an absolute tolerance (a decimal string)?
export function numericEqual(response, key, tolerance) {
  const got = parseNumeric(response);
  const want = parseNumeric(key);
  const tol = parseNumeric(tolerance || "0");
  if (got instanceof Error || want instanceof Error || tol instanceof Error) return false;
  // |got − want| ≤ tol  ⇔  |got.n·want.d − want.n·got.d| · tol.d ≤ tol.n · got.d · want.d
  const diff = abs(got.n * want.d - want.n * got.d);
  return diff * tol.d <= abs(tol.n) * got.d * want.d;
}

// The share of points K right statements out of N earn (the pack carries the table).
export function trueFalseFraction(table, statements, correct) {
  const row = table && table[String(statements)];
  if (row && row[correct] != null) return Number(row[correct]);
  return statements ? correct / statements : 0;
}

function multipleFraction(choices, picked) {
  const right = Math.max(1, choices.filter((c) => c.correct).length);
  let total = 0;
  choices.forEach((c, i) => {
    if (!picked.has(i)) return;
    if (c.fraction != null) total += Number(c.fraction);
    else total += c.correct ? 1 / right : -1;
  });
  return Math.max(0, Math.min(1, total));
}

// {fraction (0…1, four decimals), statements: [true|false|null] for Đúng/Sai}.
export function mark(item, response, table) {
  const choices = item.choices || [];
  let fraction = 0;
  let statements = null;
  if (response == null) return { fraction, statements };
  switch (item.qtype) {
    case "single_choice":
      fraction = Number.isInteger(response) && choices[response]?.correct ? 1 : 0;
      break;
    case "multiple_response":
      fraction = multipleFraction(choices, new Set(response));
      break;
    case "true_false": {
      statements = choices.map((c, i) =>
        response[i] == null ? null : Boolean(response[i]) === Boolean(c.correct),
      );
      const right = statements.filter((s) => s === true).length;
      fraction = trueFalseFraction(table, choices.length, right);
      break;
    }
    case "short_numeric":
      fraction = numericEqual(String(response), item.numeric_answer, item.tolerance) ? 1 : 0;
      break;
    default:
      fraction = 0;
  }
  return { fraction: Math.round(fraction * 10000) / 10000, statements };
}

// A number the Vietnamese way: decimal comma, no trailing zeros (0.25 → "0,25").
export function decimalComma(value) {
  const text = (Math.round(Number(value) * 10000) / 10000).toFixed(4).replace(/\.?0+$/, "");
  return (text === "-0" ? "0" : text).replace(".", ",");
}
