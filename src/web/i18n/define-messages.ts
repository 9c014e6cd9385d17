/**
 * A feature area's strings: Chinese is the source, and English must carry exactly the same keys
 * (a missing or extra English key is a compile error).
 */
export function defineMessages<const Zh extends Record<string, string>>(zh: Zh, en: { [K in keyof Zh]: string }) {
  return { zh, en };
}
