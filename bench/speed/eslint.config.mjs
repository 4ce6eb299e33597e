// The ESLint rule set blockcheck is timed against: synchronous calls and
// the two super-linear-regex rules, on every JS file of the corpus. .js
// files are read as CommonJS (most npm code is); ES-module .js files then
// fail to parse, which ESLint reports cheaply.
import n from "eslint-plugin-n";
import regexp from "eslint-plugin-regexp";
import security from "eslint-plugin-security";

export default [
  {
    files: ["**/*.js", "**/*.cjs"],
    languageOptions: { ecmaVersion: "latest", sourceType: "commonjs" },
  },
  {
    files: ["**/*.mjs"],
    languageOptions: { ecmaVersion: "latest", sourceType: "module" },
  },
  {
    files: ["**/*.js", "**/*.mjs", "**/*.cjs"],
    plugins: { n, regexp, security },
    linterOptions: { reportUnusedDisableDirectives: "off" },
    rules: {
      "n/no-sync": "error",
      "regexp/no-super-linear-backtracking": "error",
      "security/detect-unsafe-regex": "error",
    },
  },
];
