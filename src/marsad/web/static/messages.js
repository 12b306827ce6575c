// The page's messages in its language: the server puts their translations in <script id="messages"> as
// {English: translation} (plural messages as {English singular: {CLDR category: form}}); English stays the
// fallback, so a page without them still reads. Figures keep Latin digits, as on the server.
const element = document.getElementById("messages");
const table = element ? JSON.parse(element.textContent) : {};
const locale = document.documentElement.lang || "en";
const numbers = new Intl.NumberFormat(locale, { numberingSystem: "latn" });
const plurals = new Intl.PluralRules(locale);

function fill(words, values) {
  return words.replace(/\{(\w+)\}/g, (_, name) => (typeof values[name] === "number" ? numbers.format(values[name]) : values[name] ?? ""));
}

export function number(value) {
  return numbers.format(value);
}

// t("Legend"), t("Location: {precision}", { precision })
export function t(english, values = {}) {
  const shown = typeof table[english] === "string" ? table[english] : english;
  return fill(shown, values);
}

// tn(3, "{n} incident", "{n} incidents"): the form the language's plural rules give for the count
export function tn(count, singular, plural, values = {}) {
  const forms = table[singular];
  const shown = forms && typeof forms === "object" ? forms[plurals.select(count)] ?? forms.other : count === 1 ? singular : plural;
  return fill(shown, { n: count, ...values });
}
