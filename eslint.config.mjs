// n8n's lint rules for community packages: eslint-plugin-n8n-nodes-base (nodes, credentials and
// package.json rule sets) and @n8n/eslint-plugin-community-nodes.
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import communityNodes from '@n8n/eslint-plugin-community-nodes';
import tseslint from 'typescript-eslint';

const base = { 'n8n-nodes-base': n8nNodesBase };

export default [
	{ ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.n8n-local/**', '.n8n-local-*/**', 'test-results/**', 'gulpfile.js', 'index.js', 'jest.config.js', 'test/e2e/jest.config.js', 'test/queue/jest.config.js', 'eslint.config.mjs'] },
	{
		files: ['**/*.ts'],
		languageOptions: { parser: tseslint.parser, parserOptions: { sourceType: 'module' } },
	},
	{
		files: ['package.json'],
		languageOptions: { parser: tseslint.parser, parserOptions: { extraFileExtensions: ['.json'] } },
		plugins: base,
		rules: { ...n8nNodesBase.configs.community.rules },
	},
	{
		files: ['credentials/**/*.ts'],
		plugins: base,
		rules: {
			...n8nNodesBase.configs.credentials.rules,
			// Documentation slugs apply only to n8n's own repository; ours is a real URL.
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts'],
		plugins: base,
		rules: {
			...n8nNodesBase.configs.nodes.rules,
			// These two predate NodeConnectionTypes and contradict the newer community rule
			// (node-connection-type-literal), which n8n's current nodes follow.
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-inputs-wrong-trigger-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
		},
	},
	{
		// The rules n8n's verification applies (n8n Cloud's too): no runtime dependencies (the build
		// bundles the libraries the nodes use into dist/, see scripts/bundle.mjs), no restricted
		// globals or imports in node code. `npm run scan` also lints the packed tarball the same way.
		...communityNodes.configs.recommended,
		files: ['nodes/**/*.ts', 'credentials/**/*.ts', 'package.json'],
	},
	{
		files: ['**/*.ts'],
		plugins: { '@typescript-eslint': tseslint.plugin },
		rules: {
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
			'@typescript-eslint/no-floating-promises': 'off',
		},
	},
];
