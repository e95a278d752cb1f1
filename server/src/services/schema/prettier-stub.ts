// Stands in for prettier in the server bundle (scripts/build.mjs aliases `prettier/*` here): yaml-language-
// server imports it for formatting, which Harden never asks for. Saves ~450 KB of bundle.
export async function format(text: string): Promise<string> {
  return text;
}
export default {};
