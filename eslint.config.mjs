import js from '@eslint/js'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'gallery/',
      'bench/',
      'coverage/',
      'miniprogram/miniprogram_npm/',
      'playground/out/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
      'no-console': 'error',
    },
  },
  {
    // The mini program runs in WeChat, not Node: only `wx` and WeChat's globals are there.
    files: ['miniprogram/**/*.ts'],
    languageOptions: {
      globals: {
        wx: 'readonly',
        App: 'readonly',
        Page: 'readonly',
        Component: 'readonly',
        Behavior: 'readonly',
        getApp: 'readonly',
        getCurrentPages: 'readonly',
      },
    },
    rules: { 'no-restricted-globals': ['error', 'process', 'Buffer', 'window', 'document'] },
  },
  {
    // Only services/ may touch wx.
    files: [
      'miniprogram/store/**/*.ts',
      'miniprogram/pages/**/*.ts',
      'miniprogram/components/**/*.ts',
      'miniprogram/behaviors/**/*.ts',
      'miniprogram/strings.ts',
      'miniprogram/config.ts',
    ],
    rules: {
      'no-restricted-globals': [
        'error',
        { name: 'wx', message: 'Call wx only from miniprogram/services/.' },
        { name: 'getCurrentPages', message: 'Read the page stack only in miniprogram/services/.' },
      ],
    },
  },
  {
    files: ['test/**/*.ts', 'wechat-model/**/*.ts', 'playground/**/*.ts'],
    rules: { '@typescript-eslint/no-require-imports': 'off', 'no-console': 'off' },
  },
  {
    // Cloud functions run in WeChat Cloud's Node: CommonJS, Node's globals.
    files: ['cloudfunctions/**/*.js'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: {
        require: 'readonly',
        module: 'writable',
        exports: 'writable',
        process: 'readonly',
        console: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['scripts/**/*.js', '**/jest.config.js'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: {
        require: 'readonly',
        module: 'writable',
        process: 'readonly',
        __dirname: 'readonly',
        __filename: 'readonly',
        console: 'readonly',
        URL: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off', 'no-console': 'off' },
  },
)
