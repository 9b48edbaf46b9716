import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

export default ts.config(
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } }
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
    languageOptions: {
      parserOptions: {
        projectService: true,
        extraFileExtensions: ['.svelte'],
        parser: ts.parser,
        svelteConfig
      }
    }
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }]
    }
  },
  // The layers the README promises, enforced (tests/unit/lint/layers.test.ts proves a violation fails).
  {
    files: [
      'src/lib/{cognito,content,diagrams,errors,playground,present,tokens}/**/*.{ts,js}',
      'src/lib/csp.js'
    ],
    ignores: ['**/*.svelte.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['svelte', 'svelte/*', '$app/*', '**/*.svelte', '$lib/components/*', '$lib/state/*'],
              message:
                'Pure modules import no Svelte, no $app and no components: move this to a *.svelte.ts state class.'
            }
          ]
        }
      ]
    }
  },
  {
    files: ['sandbox/**/*.{js,ts}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['$lib', '$lib/*', '**/src/*', '**/src/**'],
              message: 'The sandbox stands alone: it imports nothing from src/.'
            }
          ]
        }
      ]
    }
  },
  {
    // Islands run on pages without SvelteKit's client (src/lib/islands): $app/* would pull in its router.
    files: [
      'src/lib/islands/**/*.{ts,js,svelte}',
      'src/lib/components/diagram/**/*.{ts,svelte}',
      'src/lib/components/ThemeToggle.svelte',
      'src/lib/state/{history-url,url-step.svelte,stepper.svelte,theme.svelte}.ts'
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['$app/*', '**/replace-url', '**/replace-url.*'],
              message:
                "Islands import no $app/*: they run on pages without SvelteKit's client (use $lib/state/history-url)."
            }
          ]
        }
      ]
    }
  },
  {
    files: ['src/routes/**/*.{ts,js,svelte}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/sandbox/**', '**/sandbox'],
              message: 'Routes do not import the sandbox: use $lib/sandbox-preset for its public ids.'
            }
          ]
        }
      ]
    }
  },
  {
    ignores: [
      'build/',
      'build-e2e/',
      'build-screenshots/',
      'screenshots/',
      '.svelte-kit/',
      'node_modules/',
      'test-results/',
      'playwright-report/',
      'sandbox/.data/'
    ]
  }
);
