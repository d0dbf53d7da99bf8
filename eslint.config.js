// Lint rules for every TypeScript file: typescript-eslint's recommended set,
// `any` forbidden (use unknown and narrow), React hooks rules for the web app.
import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "**/node_modules/",
      "**/dist/",
      "**/.wrangler/",
      "**/.cache/",
      "**/worker-configuration.d.ts",
      "web/public/vendor/",
      "migrations/",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" },
      ],
      // `x != null` is the idiom for "neither null nor undefined".
      eqeqeq: ["error", "always", { null: "ignore" }],
      "no-console": ["error", { allow: ["log", "warn", "error"] }],
    },
  },
  {
    files: ["web/**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks },
    rules: reactHooks.configs.recommended.rules,
    languageOptions: { globals: globals.browser },
  },
  {
    files: [
      "scripts/**",
      "bench/**",
      "e2e/**",
      "testing/**",
      "transcoder/**",
      "**/*.config.ts",
      "*.js",
    ],
    languageOptions: { globals: globals.node },
  },
);
